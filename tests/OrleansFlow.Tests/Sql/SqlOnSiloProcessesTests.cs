using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using OrleansFlow.Datagen;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Output;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Sql;

/// <summary>
/// Query 77 as deployed: silo processes clustered through Redis, a remote client, exchanges through the memory tier
/// between processes. The same query on one silo and then on two gives the same rows.
/// </summary>
public sealed class SqlOnSiloProcessesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Tpcds_query_77_on_two_silo_processes_gives_the_same_rows_as_on_one()
    {
        var data = Path.Combine(_folder.Path, "tpcds");
        await TpcdsGenerator.GenerateAsync(0.1, data, seed: 5);
        var query = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sql", "tpcds-q77.sql"));
        var work = Path.Combine(_folder.Path, "work");

        await using var cluster = await FabricCluster.StartAsync(1, work, "--slots", "2", "--memory", "256m");
        var onOne = await RunAsync(cluster.Client, query, data, "one");

        await cluster.AddSiloAsync(); // the same arguments: --slots 2 --memory 256m --work-dir work
        var onTwo = await RunAsync(cluster.Client, query, data, "two");

        Assert.Single(onOne.Result.Tasks.Select(t => t.Silo).Distinct());
        Assert.Equal(2, onTwo.Result.Tasks.Select(t => t.Silo).Distinct().Count());
        Assert.True(onTwo.Result.Info.Stages.Count > 2, "the query ran as several stages, so rows crossed processes");
        Assert.True(onOne.Lines.Length > 10, "query 77 returns rows on the generated data");
        // Rows that tie on query 77's ORDER BY keys (channel, id) may come in either order; everything else is fixed.
        Assert.Equal(onOne.Lines.Order(StringComparer.Ordinal), onTwo.Lines.Order(StringComparer.Ordinal));
        Assert.Equal(onOne.Lines.Select(OrderKeys), onTwo.Lines.Select(OrderKeys));
        // And both equal the engine run in this process, without the fabric.
        var inProcess = CsvFormatter.Format(SqlEngine.Execute(query, TableCatalog.FromDirectory(data))).Split('\n');
        Assert.Equal(inProcess.Order(StringComparer.Ordinal), onTwo.Lines.Order(StringComparer.Ordinal));
    }

    private static string OrderKeys(string csvLine) => string.Join(',', csvLine.Split(',').Take(2));

    private async Task<(JobResult Result, string[] Lines)> RunAsync(FlowClient client, string query, string data, string name)
    {
        var job = await client.SubmitAsync(new SqlArgs
        {
            Query = query,
            DataDirectory = data,
            OutputDirectory = Path.Combine(_folder.Path, $"out-{name}"),
            // Repartition every join, so that every exchange moves rows between tasks and, on two silos, processes.
            Partitions = 4,
            BroadcastRowLimit = 0,
        }, new SubmitOptions { Name = $"q77-{name}" });
        var result = await job.WaitAsync();
        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        return (result, File.ReadAllText(Path.Combine(result.OutputDirectory!, "result.csv")).Split('\n'));
    }
}
