using Microsoft.Extensions.DependencyInjection;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.Fabric.Scheduling;

namespace OrleansFlow.Jobs.MapReduce;

public static class MapReduceSiloBuilderExtensions
{
    /// <summary>Lets this silo plan and run MapReduce jobs (<see cref="Abstractions.Jobs.MapReduceArgs"/>).</summary>
    public static ISiloBuilder AddMapReduceJobs(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<MapReducePrograms>();
        silo.Services.AddSingleton<IJobPlanner, MapReducePlanner>();
        silo.Services.AddSingleton<ITaskKernel, MapTaskKernel>();
        silo.Services.AddSingleton<ITaskKernel, ReduceTaskKernel>();
        return silo;
    }
}
