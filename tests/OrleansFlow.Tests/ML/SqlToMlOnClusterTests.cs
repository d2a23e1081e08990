using OrleansFlow.Client;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Jobs.ML;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.ML;

/// <summary>SQL → ML in one job: the query's stages, then a features stage that caches the training partitions in the
/// memory tier, then the epochs. The reference is least squares over the same rows fetched by DuckDB.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SqlToMlOnClusterTests(ClusterFixture fixture)
{
    // The region name (text) is not a feature; the label is the last column.
    private const string Query = """
        SELECT s.qty, s.price, s.discount, r.factor, s.region, s.y
        FROM sales s JOIN regions r ON s.region = r.name
        WHERE s.region <> 'north'
        """;
    private const string ReferenceQuery = """
        SELECT s.qty, s.price, s.discount, r.factor, s.y
        FROM sales s JOIN regions r ON s.region = r.name
        WHERE s.region <> 'north'
        """;

    [Fact]
    public async Task Linear_regression_on_a_query_matches_the_normal_equations_over_DuckDBs_rows_and_writes_no_file()
    {
        using var folder = new TempFolder();
        using var tables = new SalesTables(Path.Combine(folder.Path, "data"));
        var filesBefore = AllFiles(fixture.WorkDirectory, folder.Path);
        var parameters = new MlArgs
        {
            Model = "linreg", Source = "sql", Query = Query, DataPath = tables.Folder, Epochs = 12, Workers = 2, BatchSize = 128,
            Optimizer = OptimizerKind.SgdMomentum, LearningRate = 0.01f, LearningRateDecay = 0.8f, Seed = 5,
        };
        var job = await fixture.Client.SubmitAsync(parameters, new SubmitOptions { Name = "sql linreg" });
        var result = await job.WaitAsync();
        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);

        var rows = tables.Rows(ReferenceQuery);
        var reference = LeastSquaresReference.Solve(rows);
        var summary = await fixture.Client.Orleans.GetGrain<ITrainingMetricsGrain>(job.JobId).GetSummary();
        var evaluation = summary.Evaluation!;
        Assert.Equal(rows.Count, evaluation.Rows);
        Assert.False(evaluation.HeldOut);
        Assert.Equal(reference.Length, evaluation.Parameters.Length);
        for (var j = 0; j < reference.Length; j++)
            Assert.InRange(evaluation.Parameters[j], reference[j] - 0.03, reference[j] + 0.03);
        var best = LeastSquaresReference.MeanSquaredError(rows, reference);
        Assert.InRange(evaluation.Loss, best, best * 1.05);

        // The job's stages: the query's own, the features stage (the query's result stage), the epochs, evaluate.
        var names = result.Info.Stages.Select(s => s.Name).ToList();
        var sqlStages = names.TakeWhile(n => n.StartsWith("stage-", StringComparison.Ordinal)).Count();
        Assert.True(sqlStages >= 1, string.Join(", ", names));
        Assert.Equal([.. names.Take(sqlStages), "features", .. Enumerable.Range(1, parameters.Epochs).Select(e => $"epoch {e}"), "evaluate"], names);
        Assert.All(result.Info.Stages, s => Assert.Equal(s.TotalTasks, s.CompletedTasks));

        // The feature table went from the SQL stage to the memory tier only: every epoch read it there.
        var counters = await fixture.Client.Orleans.GetGrain<ITrainingCacheGrain>(job.JobId).GetCounters();
        Assert.Equal(2, counters.SourceReads);
        Assert.Equal(rows.Count, counters.SourceRows);
        Assert.Equal(2 * parameters.Epochs, counters.CacheHits);
        Assert.Empty(result.OutputFiles);
        Assert.Null(result.OutputDirectory);
        Assert.Equal(filesBefore, AllFiles(fixture.WorkDirectory, folder.Path));
    }

    [Theory]
    [InlineData("SELECT s.qty, s.price FROM sales s", "region", "the query has no column 'region' for the label")]
    [InlineData("SELECT s.qty, s.region FROM sales s", null, "the label column 'region' is varchar, not numeric")]
    [InlineData("SELECT s.region, s.y FROM sales s", null, "no numeric feature column besides the label 'y'")]
    [InlineData("SELECT s.qty, s.y FROM sales s WHERE s.qty > 100", null, "the query returned no rows")]
    [InlineData("SELECT qty, y\nFROM sales WHERE", null, "2:17: ")]
    public async Task Bad_feature_queries_fail_the_job_with_a_message_saying_what_is_wrong(string query, string? label, string expected)
    {
        using var folder = new TempFolder();
        using var tables = new SalesTables(Path.Combine(folder.Path, "data"));
        var parameters = new MlArgs
        {
            Model = "linreg", Source = "sql", Query = query, DataPath = tables.Folder, Label = label, Epochs = 1, Workers = 2,
        };
        var job = await fixture.Client.SubmitAsync(parameters, new SubmitOptions { Name = "sql linreg", MaxTaskAttempts = 1 });
        var result = await job.WaitAsync();
        Assert.Equal(JobStatus.Failed, result.Info.Status);
        Assert.Contains(expected, result.Info.Error);
    }

    private static List<string> AllFiles(params string[] folders) =>
        folders.SelectMany(f => Directory.Exists(f) ? Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories) : [])
            .Order(StringComparer.Ordinal).ToList();
}
