using System.Globalization;
using OrleansFlow.Sql.Benchmarks;
using OrleansFlow.Sql.Tests;

// Usage: dotnet run -c Release -- [--sf 1] [--data /tmp/sqlperf] [--repetitions 3] [--warmups 1] [--partitions 2]
//                                 [--duckdb-threads 2] [--queries Q77,H1,H6] [--tpch-sql "select ..."]
//                                 [--tpcds-sql "select ..."] [--runners duckdb,engine,staged,fabric] (a runner runs when its name contains one of them)
//                                 [--timeline true] (every fabric job's stages and tasks on stderr)
// Generates TPC-H and TPC-DS at the scale factor with the real generators (once; reused later), then times each
// query on every runner over the same Parquet files and prints a Markdown table of medians and ratios to DuckDB.
var options = BenchmarkOptions.Parse(args);
var (tpchDir, tpcdsDir) = await BenchmarkData.EnsureAsync(options.DataRoot, options.ScaleFactor);

// The first runner is the reference for the ratio columns. Add runners here (one factory per runner, given the
// data directory of the query's benchmark).
await using var clusters = new FabricClusters(); // started on first use, shared by both data directories
var runnerFactories = new List<Func<string, IQueryRunner>>
{
    dir => new DuckDbRunner(dir, options.DuckDbThreads),
    dir => new EmbeddedEngineRunner(dir),
    dir => new StagedEngineRunner(dir, options.Partitions),
    dir => new FabricRunner("fabric, embedded silo", () => clusters.Embedded, dir, options.Partitions, options.Timeline, null),
    dir => new FabricRunner("fabric, 2 silo processes", () => clusters.TwoProcesses, dir, options.Partitions, options.Timeline, clusters.TwoProcessesCpuTime),
};

var queries = new[] { 1, 3, 5, 6, 10, 12, 14, 19 }
    .Select(q => new BenchmarkQuery($"H{q}", $"TPC-H Q{q}", TpcQueries.Tpch[q], tpchDir))
    .Append(new BenchmarkQuery("Q77", "TPC-DS Q77", TpcQueries.TpcdsQ77, tpcdsDir))
    .Concat(options.ExtraTpch.Select((sql, i) => new BenchmarkQuery($"X{i + 1}", $"TPC-H extra {i + 1}", sql, tpchDir)))
    .Concat(options.ExtraTpcds.Select((sql, i) => new BenchmarkQuery($"Y{i + 1}", $"TPC-DS extra {i + 1}", sql, tpcdsDir)))
    .Where(q => options.Queries is null || options.Queries.Contains(q.Key, StringComparer.OrdinalIgnoreCase))
    .ToList();

var table = new ResultTable(options);
foreach (var group in queries.GroupBy(q => q.DataDirectory))
{
    var runners = runnerFactories.Select(f => f(group.Key))
        .Where(r => options.Runners is null || options.Runners.Any(n => r.Name.Contains(n.Trim(), StringComparison.OrdinalIgnoreCase)))
        .ToList();
    try
    {
        foreach (var query in group)
        {
            var times = runners.Select(r => Timing.Median(() => r.Run(query.Sql), r.CpuTime, options.Warmups, options.Repetitions)).ToList();
            table.Add(query, runners.Select(r => r.Name).ToList(), times);
            Console.Error.WriteLine($"{query.Title}: {string.Join(", ", times.Select(t => $"{t.MedianMs:F0} ms (min {t.MinMs:F0}, cpu {t.CpuMs:F0})"))}");
        }
    }
    finally
    {
        foreach (var runner in runners) runner.Dispose();
    }
}

Console.WriteLine(table.ToMarkdown(string.Join(' ', args)));
if (clusters.SiloPeakRss is [_, ..] rss) Console.WriteLine($"peak RSS of the 2 silo processes: {string.Join(", ", rss.Select(m => $"{m} MiB"))}");
return table.RowCountsAgree ? 0 : 1;

internal sealed record BenchmarkQuery(string Key, string Title, string Sql, string DataDirectory);

internal sealed record BenchmarkOptions(
    double ScaleFactor, string DataRoot, int Repetitions, int Partitions, int DuckDbThreads, HashSet<string>? Queries, IReadOnlyList<string>? Runners,
    IReadOnlyList<string> ExtraTpch, IReadOnlyList<string> ExtraTpcds, bool Timeline, int Warmups)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var o = new BenchmarkOptions(1, Path.Combine(Path.GetTempPath(), "sqlperf"), 3, 2, 2, null, null, [], [], false, 1);
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"option '{args[i]}' needs a value");
            o = args[i++] switch
            {
                "--sf" => o with { ScaleFactor = double.Parse(value, CultureInfo.InvariantCulture) },
                "--data" => o with { DataRoot = value },
                "--repetitions" => o with { Repetitions = int.Parse(value, CultureInfo.InvariantCulture) },
                "--partitions" => o with { Partitions = int.Parse(value, CultureInfo.InvariantCulture) },
                "--duckdb-threads" => o with { DuckDbThreads = int.Parse(value, CultureInfo.InvariantCulture) },
                "--queries" => o with { Queries = value.Split(',').ToHashSet(StringComparer.OrdinalIgnoreCase) },
                "--runners" => o with { Runners = value.Split(',') },
                "--tpch-sql" => o with { ExtraTpch = [.. o.ExtraTpch, value] },
                "--tpcds-sql" => o with { ExtraTpcds = [.. o.ExtraTpcds, value] },
                "--timeline" => o with { Timeline = bool.Parse(value) },
                "--warmups" => o with { Warmups = int.Parse(value, CultureInfo.InvariantCulture) },
                var unknown => throw new ArgumentException($"unknown option '{unknown}'"),
            };
        }
        return o;
    }
}
