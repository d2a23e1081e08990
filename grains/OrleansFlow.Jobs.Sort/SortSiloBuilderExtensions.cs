using Microsoft.Extensions.DependencyInjection;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.Fabric.Scheduling;

namespace OrleansFlow.Jobs.Sort;

public static class SortSiloBuilderExtensions
{
    /// <summary>Lets this silo plan and run TeraSort jobs (<see cref="Abstractions.Jobs.SortArgs"/>).</summary>
    public static ISiloBuilder AddSortJobs(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<SortBufferPool>();
        silo.Services.AddSingleton<IJobPlanner, SortPlanner>();
        silo.Services.AddSingleton<ITaskKernel, SortSampleKernel>();
        silo.Services.AddSingleton<ITaskKernel, SortMapKernel>();
        silo.Services.AddSingleton<ITaskKernel, SortReduceKernel>();
        return silo;
    }
}
