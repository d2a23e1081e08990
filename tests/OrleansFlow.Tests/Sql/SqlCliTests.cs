using System.Globalization;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Sql;

/// <summary><c>orleansflow sql</c> as a user runs it: a process with an embedded silo, the query as stages on it.</summary>
public sealed class SqlCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_grouped_query_on_the_fabric_prints_the_csv_a_plain_linq_computation_gives()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => (Group: $"g{i % 7}", Value: (i * 37) % 1000)).ToList();
        _folder.File("data/facts/part-0.csv", "grp,val\n" + string.Concat(rows.Select(r => $"{r.Group},{r.Value}\n")));

        var run = await CliProcess.RunAsync("sql", "select grp, count(*) as n, sum(val) as total from facts where val >= 100 group by grp order by total desc, grp",
            "--data", Path.Combine(_folder.Path, "data"), "--format", "csv", "--partitions", "3", "--quiet");

        Assert.True(run.ExitCode == 0, run.Output);
        var expected = rows.Where(r => r.Value >= 100).GroupBy(r => r.Group)
            .Select(g => (Group: g.Key, N: g.Count(), Total: g.Sum(r => (long)r.Value)))
            .OrderByDescending(g => g.Total).ThenBy(g => g.Group, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Group},{g.N},{g.Total}"));
        Assert.Equal(["grp,n,total", .. expected], run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_malformed_query_is_one_line_naming_its_line_and_column()
    {
        _folder.File("data/facts/part-0.csv", "grp,val\na,1\n");

        var run = await CliProcess.RunAsync("sql", "select grp\nfrom facts\nwhere val >", "--data", Path.Combine(_folder.Path, "data"));

        Assert.True(run.ExitCode == 1, run.Output);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^error: .*3:1[12]", line);
    }
}
