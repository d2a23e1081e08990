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

// Graceful leave: the same word count on two silos (--slots 1, Redis), one drained once half the map tasks are done.
Console.WriteLine();
Console.WriteLine("| run | two silos, s | one drained mid-map, s | drain, ms | blocks moved | bytes moved | tasks handed back | attempts not kept |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
for (var run = 1; run <= runs; run++)
{
    var stay = await DrainRunAsync(drain: false);
    var drained = await DrainRunAsync(drain: true);
    Console.WriteLine($"| {run} | {stay.Seconds:0.00} | {drained.Seconds:0.00} | {drained.DrainMs:0} | {drained.Blocks} | {drained.Bytes:N0} | {drained.HandedBack} | {drained.NotKept} |");
}

async Task<DrainResult> DrainRunAsync(bool drain)
{
    // Redis membership and job state, as deployed: with in-memory state a leaving silo takes the grain storage it hosts.
    await using var cluster = await LocalSiloCluster.StartAsync(2, ["--slots", "1", "--memory", "512m", "--work-dir", folder.Sub("work")], membership: SiloMembership.Redis);
    var clock = Stopwatch.StartNew();
    var job = await cluster.Client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission
    {
        Inputs = [input], OutputDirectory = folder.Sub($"out-{Guid.NewGuid():N}"), SplitSizeBytes = 2 << 20, Reducers = 4,
    });
    OrleansFlow.Abstractions.Cluster.SiloDrainSummary? summary = null;
    if (drain)
    {
        while (true)
        {
            var map = (await job.GetInfoAsync()).Stages[0];
            if (map.CompletedTasks * 2 >= map.TotalTasks) break;
            await Task.Delay(20);
        }
        // The silo that does not host the job grain leaves (the other case hands the job over).
        var jobHost = await cluster.Client.Orleans.GetGrain<Orleans.Runtime.IManagementGrain>(0)
            .GetActivationAddress(cluster.Client.Orleans.GetGrain<OrleansFlow.Abstractions.Grains.IJobGrain>(job.JobId));
        var leaving = (await cluster.Client.GetClusterAsync()).First(s => jobHost is null || !s.Silo.StartsWith($"{jobHost.Endpoint}@", StringComparison.Ordinal)).Silo;
        summary = await cluster.Client.DrainAsync(leaving);
    }
    var result = await job.WaitAsync();
    var seconds = clock.Elapsed.TotalSeconds;
    if (result.Info.Status != JobStatus.Succeeded)
        throw new InvalidOperationException($"job {job.JobId}: {result.Info.Error}");
    if (!Corpus.ReadCounts(result.OutputFiles).OrderBy(kv => kv.Key, StringComparer.Ordinal).SequenceEqual(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal)))
        throw new InvalidOperationException($"job {job.JobId}: counts differ from the reference");
    foreach (var g in result.OtherAttempts.GroupBy(a => (a.Stage, a.Failure?.Kind, Message: a.Failure?.Message is { } m ? m[..Math.Min(120, m.Length)] : "")))
        Console.Error.WriteLine($"  not kept: {g.Count()} × {g.Key}");
    return new DrainResult(seconds, summary?.Duration.TotalMilliseconds ?? 0, summary?.BlocksMoved ?? 0, summary?.BytesMoved ?? 0,
        summary?.TasksAbandoned ?? 0, result.OtherAttempts.Count);
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

internal sealed record DrainResult(double Seconds, double DrainMs, int Blocks, long Bytes, int HandedBack, int NotKept);
