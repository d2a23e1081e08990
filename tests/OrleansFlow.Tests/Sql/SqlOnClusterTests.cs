using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Datagen;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Output;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Sql;

/// <summary>SQL jobs on the in-process two-silo cluster give the rows the engine gives in one process.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SqlOnClusterTests(ClusterFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Tpcds_query_77_on_two_silos_gives_the_same_rows_as_in_one_process()
    {
        var data = Path.Combine(_folder.Path, "tpcds");
        await TpcdsGenerator.GenerateAsync(0.1, data, seed: 3); // SF 0.1: the fact tables span several row groups, so scans split
        var query = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sql", "tpcds-q77.sql"));
        var expected = CsvFormatter.Format(SqlEngine.Execute(query, TableCatalog.FromDirectory(data)));

        var result = await RunAsync(query, data, partitions: 4, broadcastRows: 0); // repartition every join: exchanges between stages

        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        var actual = File.ReadAllText(Path.Combine(result.OutputDirectory!, "result.csv"));
        // Same rows; and the same order of the ORDER BY keys (channel, id). Rows that tie on those keys (the rollup's
        // subtotal and the NULL call-centre group) may come in either order.
        Assert.Equal(expected.Split('\n').Order(StringComparer.Ordinal), actual.Split('\n').Order(StringComparer.Ordinal));
        Assert.Equal(expected.Split('\n').Select(OrderKeys), actual.Split('\n').Select(OrderKeys));
        Assert.True(expected.Split('\n').Length > 10, "query 77 returns rows on the generated data");
        Assert.True(result.Info.Stages.Count > 2, "the query ran as several stages");
        Assert.Equal(2, result.Tasks.Select(t => t.Silo).Distinct().Count());
    }

    [Fact]
    public async Task A_malformed_query_fails_the_job_with_its_line_and_column()
    {
        var data = Path.Combine(_folder.Path, "tpcds");
        await TpcdsGenerator.GenerateAsync(0.01, data, seed: 3);

        var result = await RunAsync("select d_date\nFORM date_dim", data, partitions: 2);

        Assert.Equal(JobStatus.Failed, result.Info.Status);
        Assert.StartsWith("2:1:", result.Info.Error);
    }

    private static string OrderKeys(string csvLine) => string.Join(',', csvLine.Split(',').Take(2));

    private async Task<JobResult> RunAsync(string query, string data, int partitions, int? broadcastRows = null)
    {
        var job = await fixture.Client.SubmitAsync(new SqlArgs
        {
            Query = query,
            DataDirectory = data,
            OutputDirectory = Path.Combine(_folder.Path, "out"),
            Partitions = partitions,
            BroadcastRowLimit = broadcastRows,
        });
        return await job.WaitAsync();
    }
}
