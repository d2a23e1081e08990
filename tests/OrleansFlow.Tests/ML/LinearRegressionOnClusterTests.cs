using OrleansFlow.Client;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Jobs.ML;
using OrleansFlow.ML.Data;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.ML;

[Collection(ClusterCollection.Name)]
public sealed class LinearRegressionOnClusterTests(ClusterFixture fixture)
{
    // Noise 0.1 on 40k rows: least squares pins each coefficient to about ±0.001; SGD's last steps add a little.
    private const float CoefficientTolerance = 0.03f;

    [Theory]
    [InlineData(SyncMode.Bsp)]
    [InlineData(SyncMode.Async)]
    public async Task Recovers_the_known_coefficients_and_later_epochs_read_only_the_cache(SyncMode mode)
    {
        var parameters = new MlArgs
        {
            Model = "linreg", Source = "generate", Rows = 40_000, Features = 8, Noise = 0.1f,
            Epochs = 4, Workers = 4, BatchSize = 128, Shards = 2, Mode = mode, Optimizer = OptimizerKind.SgdMomentum, LearningRate = 0.02f, Seed = 11,
        };
        var job = await fixture.Client.SubmitAsync(parameters, new SubmitOptions { Name = "linreg" });
        var result = await job.WaitAsync();
        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);

        var summary = await fixture.Client.Orleans.GetGrain<ITrainingMetricsGrain>(job.JobId).GetSummary();
        var evaluation = Assert.IsType<TrainingEvaluation>(summary.Evaluation);
        var truth = SyntheticRegression.Generate(1, parameters.Features, 0f, parameters.Seed);
        for (var j = 0; j < parameters.Features; j++)
            Assert.InRange(evaluation.Parameters[j], truth.Coefficients[j] - CoefficientTolerance, truth.Coefficients[j] + CoefficientTolerance);
        Assert.InRange(evaluation.Parameters[^1], truth.Intercept - CoefficientTolerance, truth.Intercept + CoefficientTolerance);
        // Held-out MSE close to the noise variance 0.01 (the best any model can do).
        Assert.InRange(evaluation.Loss, 0.008, 0.0125);
        Assert.True(evaluation.HeldOut);

        Assert.Equal(Enumerable.Range(1, parameters.Epochs), summary.Epochs.Select(e => e.Epoch));
        Assert.All(summary.Epochs, e => Assert.Equal(parameters.Rows, e.Samples));
        Assert.True(summary.Epochs[^1].MeanLoss < summary.Epochs[0].MeanLoss);

        // Each worker read its partition from the generator once; every later epoch read the memory tier.
        var counters = await fixture.Client.Orleans.GetGrain<ITrainingCacheGrain>(job.JobId).GetCounters();
        Assert.Equal(parameters.Workers, counters.SourceReads);
        Assert.Equal(parameters.Rows, counters.SourceRows);
        Assert.Equal(parameters.Workers * (parameters.Epochs - 1), counters.CacheHits);
        Assert.Equal((parameters.Epochs - 1) * parameters.Rows * (parameters.Features + 1) * sizeof(float), counters.CacheBytesRead);
    }
}
