using System.Diagnostics;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Benchmarks.Cluster;
using OrleansFlow.Client;

// usage: dotnet run -c Release --project tests/Benchmarks/OrleansFlow.Benchmarks.Fabric [-- --calls N --tasks N --jobs N]
// Starts two silo processes (localhost clustering), connects a client, and measures the fabric's own overheads.
var calls = Arg("--calls", 5000);
var tasks = Arg("--tasks", 20000);
var jobs = Arg("--jobs", 50);

await using var silos = await LocalSiloCluster.StartAsync(2, ["--slots", "4"]);
var client = silos.Client;
var cluster = (await client.GetClusterAsync()).Select(s => s.Silo).ToList();
Console.WriteLine($"# OrleansFlow fabric overheads: 2 silo processes, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");

// Warm up every path once.
for (var i = 0; i < 5; i++) await RunNoopJobAsync(client, 4);

// 1. Submit → first task start, one job at a time (each job: one no-op task).
var toFirstTask = new List<double>();
var toResult = new List<double>();
for (var i = 0; i < jobs; i++)
{
    var (first, done) = await RunNoopJobAsync(client, 1);
    toFirstTask.Add(first);
    toResult.Add(done);
}

// 2. Empty-task dispatch: client → executor (pinned to a silo) → stateless worker → back, one call at a time.
var latency = new List<double>(calls);
var executors = cluster.Select(s => client.Orleans.GetGrain<IExecutorGrain>(s)).ToArray();
var noop = new TaskSpec { JobId = "bench-dispatch", Stage = "noop", Kernel = "noop", Args = new OrleansFlow.Fabric.Jobs.NoopTaskArgs() };
for (var i = 0; i < 200; i++) await executors[i % executors.Length].Run(noop);
for (var i = 0; i < calls; i++)
{
    var start = Stopwatch.GetTimestamp();
    await executors[i % executors.Length].Run(noop with { TaskIndex = i });
    latency.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
}

// 3. Throughput: one job of many no-op tasks, scheduled by the job grain over both silos' slots.
var clock = Stopwatch.StartNew();
var job = await client.SubmitAsync(new NoopArgs { Tasks = tasks }, new SubmitOptions { Name = "noop-throughput" });
var result = await job.WaitAsync();
clock.Stop();
var perSilo = result.Tasks.GroupBy(t => t.Silo).Select(g => g.Count()).ToList();

Console.WriteLine();
Console.WriteLine("| measure | p50 | p99 | mean | n |");
Console.WriteLine("|---|---:|---:|---:|---:|");
Row("submit → first task start (ms)", toFirstTask);
Row("submit → result at client (ms), 1 no-op task", toResult);
Row("empty-task dispatch round trip, client → executor → worker (ms)", latency);
Console.WriteLine();
Console.WriteLine($"throughput: {tasks} no-op tasks in one job over 2 silos: {clock.Elapsed.TotalSeconds:0.00} s = {tasks / clock.Elapsed.TotalSeconds:N0} tasks/s " +
                  $"(tasks per silo: {string.Join(", ", perSilo)}; status {result.Info.Status})");
return 0;

static async Task<(double FirstTaskMs, double ResultMs)> RunNoopJobAsync(FlowClient client, int tasks)
{
    var submitted = DateTimeOffset.UtcNow;
    var clock = Stopwatch.StartNew();
    var job = await client.SubmitAsync(new NoopArgs { Tasks = tasks });
    var result = await job.WaitAsync();
    var done = clock.Elapsed.TotalMilliseconds;
    if (result.Info.Status != JobStatus.Succeeded) throw new InvalidOperationException($"noop job failed: {result.Info.Error}");
    return ((result.Tasks.Min(t => t.StartedAt) - submitted).TotalMilliseconds, done);
}

static void Row(string name, List<double> values)
{
    values.Sort();
    double P(double q) => values[Math.Min(values.Count - 1, (int)(q * values.Count))];
    Console.WriteLine($"| {name} | {P(0.5):0.000} | {P(0.99):0.000} | {values.Average():0.000} | {values.Count} |");
}




int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}
