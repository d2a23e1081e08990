using Microsoft.Extensions.DependencyInjection;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.Fabric.Scheduling;

namespace OrleansFlow.Jobs.Sql;

public static class SqlSiloBuilderExtensions
{
    /// <summary>Lets this silo plan and run SQL jobs (<see cref="Abstractions.Jobs.SqlArgs"/>). Adding it twice (the ML
    /// kind adds it for its SQL sources) registers it once.</summary>
    public static ISiloBuilder AddSqlJobs(this ISiloBuilder silo)
    {
        if (silo.Services.Any(d => d.ServiceType == typeof(SqlPlanner)))
            return silo;
        silo.Services.AddSingleton<SqlCatalogCache>();
        silo.Services.AddSingleton<SqlStagedPlans>();
        silo.Services.AddSingleton<SqlTaskInputs>();
        silo.Services.AddSingleton<SqlPlanner>();
        silo.Services.AddSingleton<IJobPlanner>(sp => sp.GetRequiredService<SqlPlanner>());
        silo.Services.AddSingleton<ITaskKernel, SqlStageKernel>();
        silo.Services.AddSingleton<ITaskKernel, SqlResultKernel>();
        return silo;
    }
}
