using System.Diagnostics;
using System.Globalization;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using OrleansFlow.Datagen;

// usage: dotnet run --project samples/TpcdsQ77 -- [data dir] [--sf F] [--cluster redis://HOST:PORT]
// Generates the TPC-DS tables query 77 reads (scale factor F, default 0.1) into the data folder unless they are
// there already, runs query 77 on the fabric — scans, joins, the rollup, each stage as tasks on the silos, exchanges
// through the memory tier — and prints the result table and what each stage did.
var cluster = Option("--cluster");
var scale = double.Parse(Option("--sf") ?? "0.1", CultureInfo.InvariantCulture);
var data = Path.GetFullPath(args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !IsOptionValue(a))
                            ?? Path.Combine(Path.GetTempPath(), "orleansflow-samples", $"tpcds-sf{scale.ToString(CultureInfo.InvariantCulture)}"));

if (!File.Exists(Path.Combine(data, "store_sales", "part-00000.parquet")))
{
    Console.Error.WriteLine($"generating TPC-DS scale {scale} into {data} ...");
    var generated = await TpcdsGenerator.GenerateAsync(scale, data);
    Console.Error.WriteLine($"  {generated.RowCounts.Values.Sum():N0} rows in {generated.RowCounts.Count} tables");
}

var query = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "tpcds-q77.sql"));
var output = Path.Combine(Path.GetTempPath(), "orleansflow-samples", $"q77-{Guid.NewGuid():N}");
await using var client = await EmbeddedFlow.ConnectAsync(new FlowClientOptions { Cluster = cluster });
var clock = Stopwatch.StartNew();
var job = await client.SubmitAsync(new SqlArgs { Query = query, DataDirectory = data, OutputDirectory = output }, new SubmitOptions { Name = "tpcds-q77" });
Console.Error.WriteLine($"submitted {job.JobId}");
var result = await job.WaitAsync();
if (result.Info.Status != JobStatus.Succeeded)
{
    Console.Error.WriteLine($"error: job {job.JobId} {result.Info.Status.ToString().ToLowerInvariant()}: {result.Info.Error}");
    return 1;
}
Console.Write(File.ReadAllText(Path.Combine(output, "result.txt")));
Console.Error.WriteLine($"query 77 in {clock.Elapsed.TotalSeconds:0.00} s on {result.Tasks.Select(t => t.Silo).Distinct().Count()} silo(s):");
foreach (var stage in result.Info.Stages)
    Console.Error.WriteLine($"  {stage.Name,-24} {stage.TotalTasks,3} tasks {stage.Duration?.TotalSeconds ?? 0,6:0.00} s");
Directory.Delete(output, recursive: true);
return 0;

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
bool IsOptionValue(string arg) => args.Select((a, i) => (a, i)).Any(p => p.a == arg && p.i > 0 && args[p.i - 1].StartsWith("--", StringComparison.Ordinal));
