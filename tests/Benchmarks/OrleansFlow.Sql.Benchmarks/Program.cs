using System.Diagnostics;
using System.Globalization;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Physical;
using OrleansFlow.Sql.Tests;

// Usage: dotnet run -c Release -- [scale=25] [repetitions=3] [partitions=2] ["extra query" ...]
// Times each query on DuckDB and on the engine (embedded single task, and staged with in-memory exchanges)
// over the same generated Parquet files, and prints a Markdown table of medians and ratios.
int scale = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 25;
int repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
int partitions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;

var generate = Stopwatch.StartNew();
using var db = TpcDatabase.Generate(scale, rowGroupSize: 65_536);
Console.WriteLine($"generated scale {scale} (lineitem {db.Query("select count(*) from lineitem")[0][0]} rows, store_sales {db.Query("select count(*) from store_sales")[0][0]} rows) in {generate.Elapsed.TotalSeconds:F1} s");

var queries = new[] { 1, 3, 5, 6, 10, 12, 14, 19 }.Select(q => ($"TPC-H Q{q}", TpcQueries.Tpch[q]))
    .Append(("TPC-DS Q77", TpcQueries.TpcdsQ77)).ToList();
if (args.Length > 3) queries = args.Skip(3).Select((sql, i) => ($"extra {i + 1}", sql)).ToList();
var options = new PhysicalOptions(Partitions: partitions, BroadcastRowLimit: 100_000);

Console.WriteLine($"| query | DuckDB ms | engine ms | engine/DuckDB | staged ({partitions} partitions) ms | staged/DuckDB | rows |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var (name, sql) in queries)
{
    string duckSql = DuckDbDialect.Translate(sql);
    double duck = Median(() => db.Query(duckSql).Count);
    long rows = 0;
    double engine = Median(() => rows = SqlEngine.Execute(sql, db.Catalog).RowCount);
    double staged = Median(() => SqlEngine.ExecuteStaged(sql, db.Catalog, options).RowCount);
    Console.WriteLine($"| {name} | {duck:F0} | {engine:F0} | {engine / duck:F2} | {staged:F0} | {staged / duck:F2} | {rows} |");
}

double Median(Func<long> run)
{
    run(); // warm-up: JIT, file cache
    var times = new List<double>();
    for (int i = 0; i < repetitions; i++)
    {
        var sw = Stopwatch.StartNew();
        run();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}
