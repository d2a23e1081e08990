using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Client;
using OrleansFlow.Engine.WordCount;
using OrleansFlow.Tests.Infrastructure;

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
}
