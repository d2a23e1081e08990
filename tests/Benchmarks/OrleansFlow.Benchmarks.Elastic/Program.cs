using System.Diagnostics;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Benchmarks.Cluster;
using OrleansFlow.Client;
using OrleansFlow.Engine.WordCount;
using OrleansFlow.Testing;

// usage: dotnet run -c Release --project tests/Benchmarks/OrleansFlow.Benchmarks.Elastic [-- --mb 48 --join-after 3 --runs 2]
// The same word count twice per run, on fresh silo processes with --slots 1: left on one silo, and with a second
// silo started --join-after seconds into the job. Prints both job times, the second silo's start → active time, and
// how long after the client saw it active it started its first task (of the stage then running).
var megabytes = Arg("--mb", 48);
var joinAfter = TimeSpan.FromSeconds(Arg("--join-after", 3));
var runs = Arg("--runs", 2);

using var folder = new TempFolder("elastic-bench");
var input = folder.Sub("corpus");
Corpus.Write(input, files: 8, bytesPerFile: megabytes * 1_000_000L / 8, seed: 5);
var expected = Corpus.ReferenceCounts(input);
Console.WriteLine($"# elasticity: word count of {megabytes} MB, 2 MB splits, --slots 1 per silo, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine("| run | one silo, s | second silo joins at +{0:0} s, s | silo start → active, s | active → its first task, ms | its first task's stage | map tasks on the joined silo |", joinAfter.TotalSeconds);
Console.WriteLine("|---|---|---|---|---|---|---|");
for (var run = 1; run <= runs; run++)
{
    var alone = await RunAsync(join: false);
    var joined = await RunAsync(join: true);
    Console.WriteLine($"| {run} | {alone.Seconds:0.00} | {joined.Seconds:0.00} | {joined.StartToActive:0.00} | {joined.ActiveToFirstTaskMs:0} | {joined.FirstStage} | {joined.MapTasksOnJoined} |");
}

async Task<Result> RunAsync(bool join)
{
    await using var cluster = await LocalSiloCluster.StartAsync(1, ["--slots", "1", "--memory", "512m", "--work-dir", folder.Sub("work")]);
    var first = (await cluster.Client.GetClusterAsync()).Single().Silo;
    var clock = Stopwatch.StartNew();
    var job = await cluster.Client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission
    {
        Inputs = [input], OutputDirectory = folder.Sub($"out-{Guid.NewGuid():N}"), SplitSizeBytes = 2 << 20, Reducers = 4,
    });
    double startToActive = 0;
    DateTimeOffset active = default;
    if (join)
    {
        await Task.Delay(joinAfter);
        var started = Stopwatch.StartNew();
        await cluster.AddSiloAsync();
        active = DateTimeOffset.UtcNow;
        startToActive = started.Elapsed.TotalSeconds;
    }
    var result = await job.WaitAsync();
    var seconds = clock.Elapsed.TotalSeconds;
    if (result.Info.Status != JobStatus.Succeeded)
        throw new InvalidOperationException($"job {job.JobId}: {result.Info.Error}");
    if (!Corpus.ReadCounts(result.OutputFiles).OrderBy(kv => kv.Key, StringComparer.Ordinal).SequenceEqual(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal)))
        throw new InvalidOperationException($"job {job.JobId}: counts differ from the reference");
    var onJoined = result.Tasks.Concat(result.OtherAttempts).Where(t => t.Silo != first).OrderBy(t => t.StartedAt).ToList();
    return new Result(seconds, startToActive,
        onJoined.Count > 0 ? (onJoined[0].StartedAt - active).TotalMilliseconds : double.NaN,
        onJoined.Count > 0 ? onJoined[0].Stage : "-", onJoined.Count(t => t.Stage == "map"));
}

int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;

internal sealed record Result(double Seconds, double StartToActive, double ActiveToFirstTaskMs, string FirstStage, int MapTasksOnJoined);
