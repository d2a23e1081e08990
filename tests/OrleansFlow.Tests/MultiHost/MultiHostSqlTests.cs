using System.Globalization;
using DuckDB.NET.Data;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;

namespace OrleansFlow.Tests.MultiHost;

/// <summary>A SQL aggregation over two silo "hosts" (network namespaces), rows exchanged between them through the
/// memory tier, compared with DuckDB on the same Parquet files.</summary>
[Collection(nameof(MultiHostCollection))]
public sealed class MultiHostSqlTests : IDisposable
{
    private readonly TempFolder _folder = new("multihost-sql");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_grouped_sql_query_across_two_hosts_gives_duckdbs_rows()
    {
        var data = _folder.Sub("data");
        Directory.CreateDirectory(Path.Combine(data, "events"));
        using var duckDb = new DuckDBConnection("DataSource=:memory:");
        duckDb.Open();
        // Four files, so that scan tasks spread over both hosts.
        for (var part = 0; part < 4; part++)
            duckDb.ExecuteSql($"""
                COPY (SELECT CAST((i * 7 + {part}) % 53 AS BIGINT) AS k, CAST(i % 1000 AS BIGINT) AS v
                      FROM range({part * 20000}, {(part + 1) * 20000}) r(i))
                TO '{Path.Combine(data, "events", $"part-{part}.parquet")}' (FORMAT parquet, ROW_GROUP_SIZE 5000)
                """);
        const string query = "select k, count(*) as n, sum(v) as s from events group by k order by k";
        var expected = duckDb.QueryRows(query.Replace("from events", $"from read_parquet('{Path.Combine(data, "events", "*.parquet")}')"))
            .Select(r => string.Join(',', r.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture)))).ToList();
        await using var cluster = await MultiHostCluster.StartAsync(2, _folder.Sub("work"), "--slots", "2", "--memory", "128m");

        var job = await cluster.Client.SubmitAsync(new SqlArgs
        {
            Query = query, DataDirectory = data, OutputDirectory = _folder.Sub("out"),
            // Repartition the aggregation, so that its exchange moves rows between tasks and hosts.
            Partitions = 4,
        });
        var result = await job.WaitAsync();

        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        var lines = File.ReadAllLines(Path.Combine(result.OutputDirectory!, "result.csv")).Where(l => l.Length > 0 && char.IsAsciiDigit(l[0])).ToList();
        Assert.Equal(53, expected.Count);
        Assert.Equal(expected, lines);
        Assert.True(result.Info.Stages.Count >= 2, "the query ran as several stages, so rows went through the memory tier");
        Assert.Equal(cluster.SiloHosts.Select(h => h.Address).ToHashSet(), result.Tasks.Select(t => t.Silo.Split(':')[0]).ToHashSet());
    }
}
