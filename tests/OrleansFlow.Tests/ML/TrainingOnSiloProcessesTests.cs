using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Client;
using OrleansFlow.Jobs.ML;
using OrleansFlow.ML.Data;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.ML;

/// <summary>Training on separate silo processes (clustered through Redis): the partitions cross processes on the memory tier.</summary>
public sealed class TrainingOnSiloProcessesTests
{
    private const float CoefficientTolerance = 0.03f;

    [Fact]
    public async Task Two_silo_processes_reach_the_quality_of_one_and_later_epochs_read_only_the_cache()
    {
        using var folder = new TempFolder();
        await using var cluster = await FabricCluster.StartAsync(1, Path.Combine(folder.Path, "work"), "--slots", "2", "--memory", "128m");
        var client = cluster.Client;
        var parameters = new MlArgs
        {
            Model = "linreg", Source = "generate", Rows = 40_000, Features = 8, Noise = 0.1f, Epochs = 4, Workers = 4,
            BatchSize = 128, Shards = 2, Optimizer = OptimizerKind.SgdMomentum, LearningRate = 0.02f, Seed = 23,
        };
        var one = await TrainAsync(client, parameters);

        await cluster.AddSiloAsync();
        var two = await TrainAsync(client, parameters);

        var truth = SyntheticRegression.Generate(1, parameters.Features, 0f, parameters.Seed);
        float[] expected = [.. truth.Coefficients, truth.Intercept];
        foreach (var run in new[] { one, two })
        {
            for (var j = 0; j < expected.Length; j++)
                Assert.InRange(run.Evaluation.Parameters[j], expected[j] - CoefficientTolerance, expected[j] + CoefficientTolerance);
            Assert.InRange(run.Evaluation.Loss, 0.008, 0.0125);
            // Each partition came from the generator once; every later epoch read the memory tier only.
            Assert.Equal(run.Workers, run.Cache.SourceReads);
            Assert.Equal(parameters.Rows, run.Cache.SourceRows);
            Assert.Equal(run.Workers * (parameters.Epochs - 1), run.Cache.CacheHits);
        }
        Assert.Equal(2, one.Workers); // capped at the one silo's two slots
        Assert.Equal(4, two.Workers);
        Assert.Equal(2, two.Silos);
        Assert.InRange(two.Evaluation.Loss / one.Evaluation.Loss, 0.97, 1.03);
    }

    private sealed record Run(TrainingEvaluation Evaluation, TrainingCacheCounters Cache, int Workers, int Silos);

    private static async Task<Run> TrainAsync(FlowClient client, MlArgs parameters)
    {
        var job = await client.SubmitAsync(parameters, new SubmitOptions { Name = "linreg" });
        var result = await job.WaitAsync();
        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        var summary = await client.Orleans.GetGrain<ITrainingMetricsGrain>(job.JobId).GetSummary();
        var cache = await client.Orleans.GetGrain<ITrainingCacheGrain>(job.JobId).GetCounters();
        var train = result.Tasks.Where(t => t.Stage == "epoch 1").ToList();
        return new Run(summary.Evaluation!, cache, train.Count, result.Tasks.Select(t => t.Silo).Distinct().Count());
    }
}
