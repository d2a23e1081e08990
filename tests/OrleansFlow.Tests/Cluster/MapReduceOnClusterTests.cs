using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Client;
using OrleansFlow.Engine.WordCount;
using OrleansFlow.Tests.Infrastructure;
using OrleansFlow.Tests.Programs;

namespace OrleansFlow.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class MapReduceOnClusterTests(ClusterFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(ShuffleStoreKind.Memory)]
    [InlineData(ShuffleStoreKind.Disk)]
    public async Task Built_in_word_count_matches_the_reference_and_spreads_over_both_silos(ShuffleStoreKind store)
    {
        var input = Path.Combine(_folder.Path, "input");
        Corpus.Write(input, files: 3, bytesPerFile: 400_000);

        var job = await fixture.Client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(_folder.Path, "out"),
            Shuffle = store,
            SplitSizeBytes = 100_000,
            Reducers = 3,
        });
        var result = await job.WaitAsync();

        Assert.Equal(JobStatus.Succeeded, result.Info.Status);
        Assert.Equal(Corpus.ReferenceCounts(input), Corpus.ReadCounts(result.OutputFiles));
        Assert.Equal(3, result.OutputFiles.Count);
        var silos = fixture.Cluster.Silos.Select(s => s.SiloAddress.ToParsableString()).ToHashSet();
        Assert.Equal(silos, result.Tasks.Select(t => t.Silo).ToHashSet());
        Assert.Equal(["map", "reduce"], result.Info.Stages.Select(s => s.Name));
        Assert.All(result.Info.Stages, s => Assert.Equal(s.TotalTasks, s.CompletedTasks));
    }

    [Fact]
    public async Task User_code_is_shipped_with_the_job_and_gives_the_same_counts()
    {
        var input = Path.Combine(_folder.Path, "input");
        Corpus.Write(input, files: 2, bytesPerFile: 200_000, seed: 5);

        var result = await (await fixture.Client.SubmitMapReduceAsync<UserWordCount>(new MapReduceSubmission
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(_folder.Path, "out"),
            SplitSizeBytes = 64_000,
        })).WaitAsync();

        Assert.Equal(JobStatus.Succeeded, result.Info.Status);
        Assert.Equal(Corpus.ReferenceCounts(input), Corpus.ReadCounts(result.OutputFiles));
    }

    [Fact]
    public async Task Long_keys_without_a_combiner_reach_reduce_with_every_value()
    {
        var numbers = Enumerable.Range(1, 5000).Select(i => (long)i * 7919 % 100_003).ToList();
        var input = _folder.File("numbers/n.txt", string.Join('\n', numbers));

        var result = await (await fixture.Client.SubmitMapReduceAsync<ParitySum>(new MapReduceSubmission
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(_folder.Path, "out"),
            SplitSizeBytes = 4096,
            Reducers = 2,
        })).WaitAsync();

        Assert.Equal(JobStatus.Succeeded, result.Info.Status);
        var expected = numbers.GroupBy(n => n % 2).ToDictionary(g => g.Key.ToString(), g => g.Sum());
        Assert.Equal(expected.OrderBy(kv => kv.Key), Corpus.ReadCounts(result.OutputFiles).OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task A_task_that_fails_once_is_retried_and_the_job_succeeds()
    {
        var marker = Path.Combine(_folder.Path, "marker");
        var input = _folder.File("in/a.txt", $"x y z\nFAIL-ONCE {marker}\ny z\nz\n");

        var result = await (await fixture.Client.SubmitMapReduceAsync<FailOnceWordCount>(new MapReduceSubmission
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(_folder.Path, "out"),
        })).WaitAsync();

        Assert.Equal(JobStatus.Succeeded, result.Info.Status);
        Assert.True(File.Exists(marker), "the first attempt ran and failed");
        Assert.Equal(1, result.Info.Stages[0].Retries);
        Assert.Equal(new Dictionary<string, long> { ["x"] = 1, ["y"] = 2, ["z"] = 3 }, Corpus.ReadCounts(result.OutputFiles));
    }

    [Fact]
    public async Task A_task_that_always_fails_fails_the_job_with_its_error_and_the_next_job_succeeds()
    {
        var input = _folder.File("in/a.txt", "some words here\n");

        var failed = await (await fixture.Client.SubmitMapReduceAsync<AlwaysFailingJob>(new MapReduceSubmission
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(_folder.Path, "out1"),
            MaxTaskAttempts = 3,
        })).WaitAsync();

        Assert.Equal(JobStatus.Failed, failed.Info.Status);
        Assert.Contains(AlwaysFailingJob.Error, failed.Info.Error);
        Assert.Equal(2, failed.Info.Stages[0].Retries); // 3 attempts

        var next = await (await fixture.Client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(_folder.Path, "out2"),
        })).WaitAsync();
        Assert.Equal(JobStatus.Succeeded, next.Info.Status);
        Assert.Equal(new Dictionary<string, long> { ["some"] = 1, ["words"] = 1, ["here"] = 1 }, Corpus.ReadCounts(next.OutputFiles));
    }

    [Fact]
    public async Task A_missing_input_fails_the_job_with_the_path_and_the_cluster_keeps_working()
    {
        var missing = Path.Combine(_folder.Path, "nope");
        var info = await (await fixture.Client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission { Inputs = [missing] })).GetInfoAsync();

        Assert.Equal(JobStatus.Failed, info.Status);
        Assert.Equal($"input path not found: {missing}", info.Error);
        Assert.Equal(2, (await fixture.Client.GetClusterAsync()).Count);
    }

    [Fact]
    public async Task A_running_job_can_be_cancelled_and_frees_its_slots()
    {
        var input = _folder.File("in/a.txt", "a\nb\nc\n");
        var job = await SubmitBlockedJobAsync(input); // three map tasks
        await foreach (var e in job.WatchAsync())
        {
            if (e.Type == JobEventType.StageStarted) break;
        }

        await job.CancelAsync("test");
        var result = await job.WaitAsync();

        Assert.Equal(JobStatus.Cancelled, result.Info.Status);
        Assert.Contains("test", result.Info.Error);
        var next = await (await fixture.Client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(_folder.Path, "out2"),
        })).WaitAsync();
        Assert.Equal(JobStatus.Succeeded, next.Info.Status);
    }

    [Fact]
    public async Task Watching_a_job_that_is_already_running_starts_with_the_events_so_far()
    {
        var input = _folder.File("in/a.txt", "a\nb\n");
        var job = await SubmitBlockedJobAsync(input); // the map stage stays running
        try
        {
            await Eventually.TrueAsync(async () => (await job.GetInfoAsync()).Stages is [{ StartedAt: not null }, ..],
                TimeSpan.FromSeconds(30), "the map stage started");

            // Subscribed after the job's first events were published: they come from its state, not the stream.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var seen = new List<JobEvent>();
            await foreach (var e in job.WatchAsync(timeout.Token))
            {
                seen.Add(e);
                if (seen.Count == 2) break;
            }

            Assert.Equal([JobEventType.JobStarted, JobEventType.StageStarted], seen.Select(e => e.Type));
            Assert.Equal("map", seen[1].Stage);
            Assert.Equal(2, seen[1].TotalTasks);
        }
        finally
        {
            await job.CancelAsync("test over");
            await job.WaitAsync();
        }
    }

    [Fact]
    public async Task A_call_waiting_for_the_end_returns_when_the_job_ends_not_when_its_wait_is_over()
    {
        var input = _folder.File("in/a.txt", "a\nb\n");
        var job = await SubmitBlockedJobAsync(input);
        IJobGrain Grain(IClusterClient client) => client.GetGrain<IJobGrain>(job.JobId);

        var running = await job.CallAsync(c => Grain(c).WaitForEnd(TimeSpan.FromMilliseconds(50)));
        Assert.Equal(JobStatus.Running, running.Status); // a wait that is over reports the job as it is

        // Waits up to ten minutes, but the job is cancelled now: the answer must come long before the 25 s below.
        var waiting = job.CallAsync(c => Grain(c).WaitForEnd(TimeSpan.FromMinutes(10)));
        await job.CancelAsync("test over");
        var ended = await waiting.WaitAsync(TimeSpan.FromSeconds(25));

        Assert.Equal(JobStatus.Cancelled, ended.Status);
        Assert.NotNull(ended.FinishedAt);
    }

    /// <summary>A job whose map tasks (one per 2 bytes of input) each block until the job is cancelled.</summary>
    private Task<JobHandle> SubmitBlockedJobAsync(string input) =>
        fixture.Client.SubmitMapReduceAsync<WaitForCancellationJob>(new MapReduceSubmission
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(_folder.Path, "out"),
            SplitSizeBytes = 2,
        });

    [Fact]
    public async Task Finished_jobs_are_listed_and_their_blocks_are_freed()
    {
        var input = _folder.File("in/a.txt", "alpha beta\n");
        var job = await fixture.Client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(_folder.Path, "out"),
            JobId = $"listed-{Guid.NewGuid():N}",
        });
        await job.WaitAsync();

        var listed = await fixture.Client.ListJobsAsync();
        Assert.Contains(listed, j => j.JobId == job.JobId && j.Status == JobStatus.Succeeded);
        var stats = await fixture.Client.GetClusterAsync();
        Assert.All(stats, s => Assert.True(s.TasksCompleted > 0));
        Assert.All(stats, s => Assert.NotNull(s.DataEndpoint));
        Assert.All(stats, s => Assert.Equal(0, s.Stores.Sum(u => u.Blocks))); // tests in this collection run one at a time
    }
}
