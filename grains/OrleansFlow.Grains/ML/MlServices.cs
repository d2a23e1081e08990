using Microsoft.Extensions.DependencyInjection;
using OrleansFlow.Grains.Execution;
using OrleansFlow.Grains.Jobs;

namespace OrleansFlow.Grains.ML;

public static class MlServices
{
    /// <summary>The ML job kind: its planner, the train and evaluate kernels, and the partition cache they share.</summary>
    public static IServiceCollection AddOrleansFlowMachineLearning(this IServiceCollection services)
    {
        services.AddSingleton<PartitionCache>();
        services.AddSingleton<ITaskKernel, MlTrainTaskKernel>();
        services.AddSingleton<ITaskKernel, MlEvaluateTaskKernel>();
        services.AddSingleton<ITaskKernel, MlFeaturesTaskKernel>();
        services.AddSingleton<IJobPlanner, MlPlanner>();
        return services;
    }
}
