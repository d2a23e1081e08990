using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Client;
using OrleansFlow.Engine.WordCount;
using OrleansFlow.Tests.Infrastructure;
using OrleansFlow.Tests.Programs;

namespace OrleansFlow.Tests.MultiProcess;

/// <summary>The real deployment shape: a redis-server, three silo processes clustered through it, a remote client.</summary>
public sealed class MultiProcessWordCountTests
{
    [Theory]
    [InlineData(ShuffleStoreKind.Memory)]
    [InlineData(ShuffleStoreKind.Redis)]
    public async Task Word_count_of_50_MB_over_three_silo_processes_matches_LINQ_and_runs_on_every_silo(ShuffleStoreKind store)
    {
        using var folder = new TempFolder();
        var input = Path.Combine(folder.Path, "corpus");
        Corpus.Write(input, files: 8, bytesPerFile: 6_700_000, seed: 11); // ≈ 54 MB
        Assert.True(Directory.EnumerateFiles(input).Sum(f => new FileInfo(f).Length) >= 50_000_000);
        var expected = Corpus.ReferenceCounts(input);
        await using var cluster = await FabricCluster.StartAsync(3, Path.Combine(folder.Path, "work"), "--slots", "2", "--memory", "256m");

        var job = await cluster.Client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(folder.Path, "out"),
            Shuffle = store,
        });
        var result = await job.WaitAsync();

        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        Assert.Equal(expected, Corpus.ReadCounts(result.OutputFiles));
        var siloNames = (await cluster.Client.GetClusterAsync()).Select(s => s.Silo).ToHashSet();
        Assert.Equal(siloNames, result.Tasks.Select(t => t.Silo).ToHashSet());

        // The job's state lives in Redis: a second client, connected afresh, finds it finished.
        await using var other = await cluster.ConnectAnotherClientAsync();
        Assert.Contains(await other.ListJobsAsync(), j => j.JobId == job.JobId && j.Status == JobStatus.Succeeded);

        // Every grain deactivated: the job grain comes back from its Redis state with the whole result.
        await cluster.Client.Orleans.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reread = await other.GetJob(job.JobId).GetResultAsync();
        Assert.NotNull(reread);
        Assert.Equal(result.OutputFiles, reread.OutputFiles);
        Assert.Equal(result.Tasks.Count, reread.Tasks.Count);
    }

    [Fact]
    public async Task A_silo_killed_after_the_map_stage_does_not_lose_the_job_or_its_data()
    {
        using var folder = new TempFolder();
        var input = Path.Combine(folder.Path, "corpus");
        Corpus.Write(input, files: 6, bytesPerFile: 1_500_000, seed: 21);
        var expected = Corpus.ReferenceCounts(input);
        // Two copies of every memory-tier block, placed through the membership-fed peer directory.
        await using var cluster = await FabricCluster.StartAsync(3, Path.Combine(folder.Path, "work"), "--slots", "2", "--memory", "128m", "--replicas", "2");

        var job = await cluster.Client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(folder.Path, "out"),
            SplitSizeBytes = 500_000, // 18 map tasks: every silo holds map output
            Reducers = 6,
        });
        var victim = cluster.Silos[2];
        var killed = false;
        // The moment the map stage ends, a silo holding part of its output dies (a crash: no clean-up).
        var result = await job.WaitAsync(onEvent: e =>
        {
            if (e.Type == JobEventType.StageCompleted && e.Stage == "map" && !killed)
            {
                killed = true;
                victim.Process.KillAsync().GetAwaiter().GetResult();
            }
        });

        Assert.True(killed, "the map stage completed while being watched");
        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        Assert.Equal(expected, Corpus.ReadCounts(result.OutputFiles));
    }

    // Known defect (issue 19): under the full suite's load, 2 CI runs of 2 saw a reduce stage recover its input after
    // this kill and run map tasks again, some of them from live silos; alone it passes. Not yet explained (a duplicate
    // partition activation, a suspected cause, is handled now and it still failed); the job's result stays right, which the test before this checks.
    [Fact(Skip = "issue 19: map tasks re-run after a silo kill under CI load; cause not yet found")]
    public async Task A_silo_killed_mid_job_takes_no_shuffle_registration_with_it_and_no_map_task_runs_again()
    {
        using var folder = new TempFolder();
        var input = Path.Combine(folder.Path, "in");
        var gate = Path.Combine(folder.Path, "gate");
        Directory.CreateDirectory(input);
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        // 12 map tasks that finish at once, then 6 that hold the map stage open at the gate.
        for (var f = 0; f < 18; f++)
        {
            var words = Enumerable.Range(0, 2000).Select(i => $"w{(i * 13 + f) % 101}").ToList();
            File.WriteAllLines(Path.Combine(input, $"part-{f:D2}.txt"), f < 12 ? words : [$"GATE {gate}", .. words]);
            foreach (var w in words) expected[w] = expected.GetValueOrDefault(w) + 1;
        }
        await using var cluster = await FabricCluster.StartAsync(3, Path.Combine(folder.Path, "work"), "--slots", "2", "--memory", "128m");
        const int reducers = 12;
        var job = await cluster.Client.SubmitMapReduceAsync<GatedWordCount>(new MapReduceSubmission
        {
            Inputs = [input], OutputDirectory = Path.Combine(folder.Path, "out"), Reducers = reducers,
        });
        await Eventually.TrueAsync(async () => (await job.GetInfoAsync()).Stages[0].CompletedTasks == 12, TimeSpan.FromSeconds(60), "the 12 ungated map tasks done");

        // The victim hosts shuffle partition grains (holding the 12 finished tasks' registrations) but not the job
        // grain (losing that one resumes the job from its last stage boundary: another case).
        var management = cluster.Client.Orleans.GetGrain<IManagementGrain>(0);
        var jobSilo = await management.GetActivationAddress(cluster.Client.Orleans.GetGrain<IJobGrain>(job.JobId));
        var partitionSilos = new List<SiloAddress>();
        for (var p = 0; p < reducers; p++)
        {
            var partition = cluster.Client.Orleans.GetGrain<IShufflePartitionGrain>(IShufflePartitionGrain.KeyOf(job.JobId, "shuffle-0", p));
            if (await management.GetActivationAddress(partition) is { } where) partitionSilos.Add(where);
        }
        var victimAddress = partitionSilos.First(a => !a.Equals(jobSilo));
        var victim = cluster.Silos.Single(s => s.SiloPort == victimAddress.Endpoint.Port);
        await victim.Process.KillAsync(); // a crash: no clean-up
        File.WriteAllText(gate, "open");
        var result = await job.WaitAsync();

        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), Corpus.ReadCounts(result.OutputFiles).OrderBy(kv => kv.Key, StringComparer.Ordinal));
        // The partitions came back elsewhere with every registration (they are persisted), and the dead silo's
        // blocks stay readable on this host (its shared-memory region outlives the process): nothing was recomputed.
        // Its gated map tasks, running when it died, went elsewhere without using a retry.
        Assert.DoesNotContain(result.OtherAttempts, a => a.Failure is null);
        Assert.All(result.OtherAttempts, a => Assert.Equal(TaskFailureKind.SiloLost, a.Failure?.Kind));
        Assert.Equal(0, result.Info.Stages[0].Retries);
        Assert.Equal(18, result.Tasks.Count(t => t.Stage == "map"));
    }
}
