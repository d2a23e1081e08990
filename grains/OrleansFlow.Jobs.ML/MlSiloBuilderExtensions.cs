using Microsoft.Extensions.DependencyInjection;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.Fabric.Scheduling;
using OrleansFlow.Jobs.Sql;

namespace OrleansFlow.Jobs.ML;

public static class MlSiloBuilderExtensions
{
    /// <summary>Lets this silo plan and run training jobs (<see cref="Abstractions.ML.MlArgs"/>): the planner, the
    /// train, evaluate and features kernels, and the partition cache they share. SQL sources need the SQL kind, which
    /// this adds too.</summary>
    public static ISiloBuilder AddMlJobs(this ISiloBuilder silo)
    {
        silo.AddSqlJobs();
        silo.Services.AddSingleton<PartitionCache>();
        silo.Services.AddSingleton<ITaskKernel, MlTrainTaskKernel>();
        silo.Services.AddSingleton<ITaskKernel, MlEvaluateTaskKernel>();
        silo.Services.AddSingleton<ITaskKernel, MlFeaturesTaskKernel>();
        silo.Services.AddSingleton<IJobPlanner, MlPlanner>();
        return silo;
    }
}
