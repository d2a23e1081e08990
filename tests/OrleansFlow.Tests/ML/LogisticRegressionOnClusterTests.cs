using OrleansFlow.Client;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Jobs.ML;
using OrleansFlow.Tests.Infrastructure;
using Parquet;
using Parquet.Schema;

namespace OrleansFlow.Tests.ML;

[Collection(ClusterCollection.Name)]
public sealed class LogisticRegressionOnClusterTests(ClusterFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Logreg_on_a_parquet_file_learns_a_linear_rule_and_reads_the_file_only_in_the_first_epoch()
    {
        // label = 1 when 2a - b + 0.5 > 0: a linear rule, so a logistic model can score every row right.
        const int rows = 4_000;
        var random = new Random(5);
        var a = new float[rows];
        var b = new float[rows];
        var label = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            a[i] = (float)(random.NextDouble() * 4 - 2);
            b[i] = (float)(random.NextDouble() * 4 - 2);
            label[i] = 2 * a[i] - b[i] + 0.5f > 0 ? 1 : 0;
        }
        var path = Path.Combine(_folder.Path, "blobs.parquet");
        var fa = new DataField<float>("a");
        var fb = new DataField<float>("b");
        var fl = new DataField<int>("label");
        await using (var file = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fa, fb, fl), file))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<float>(fa, a);
            await group.WriteAsync<float>(fb, b);
            await group.WriteAsync<int>(fl, label);
        }

        var parameters = new MlArgs
        {
            Model = "logreg", Source = "file", DataPath = path, Label = "label", Epochs = 6, Workers = 2, BatchSize = 64,
            Optimizer = OptimizerKind.Adam, LearningRate = 0.05f, Seed = 3,
        };
        var job = await fixture.Client.SubmitAsync(parameters, new SubmitOptions { Name = "blobs" });
        var result = await job.WaitAsync();
        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);

        var evaluation = (await fixture.Client.Orleans.GetGrain<ITrainingMetricsGrain>(job.JobId).GetSummary()).Evaluation!;
        Assert.False(evaluation.HeldOut); // a file has no held-out rows: scored on the training rows
        Assert.Equal(rows, evaluation.Rows);
        Assert.True(evaluation.Accuracy >= 0.98, $"accuracy {evaluation.Accuracy:P2}");
        // The weights point the way of the rule (2, -1): a positive, b negative, about twice as large.
        Assert.True(evaluation.Parameters[0] > 0 && evaluation.Parameters[1] < 0);
        Assert.InRange(evaluation.Parameters[0] / -evaluation.Parameters[1], 1.5, 2.5);

        var cache = await fixture.Client.Orleans.GetGrain<ITrainingCacheGrain>(job.JobId).GetCounters();
        Assert.Equal(2, cache.SourceReads);
        Assert.Equal(2 * (parameters.Epochs - 1), cache.CacheHits);
    }
}
