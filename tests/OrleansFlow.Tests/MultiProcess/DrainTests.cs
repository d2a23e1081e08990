using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using OrleansFlow.Testing;
using OrleansFlow.Tests.Infrastructure;
using OrleansFlow.Tests.Programs;

namespace OrleansFlow.Tests.MultiProcess;

/// <summary>A silo that leaves gracefully in the middle of a map stage (SIGTERM, or a drain asked for through the
/// client) lets its running task finish, moves its blocks to the silo that stays, and the job ends with exact output
/// and no task run twice: Spark's decommissioning with shuffle block migration, with no fetch failure left.</summary>
public sealed class DrainTests
{
    /// <summary>The silo hosting the job grain leaves by SIGTERM (the job is handed over and resumes on the other
    /// silo), or the other silo is drained through the client (the job stays where it is).</summary>
    [Theory]
    [InlineData(LeaveBy.Sigterm, true)]
    [InlineData(LeaveBy.DrainCall, false)]
    public async Task A_silo_that_leaves_mid_map_moves_its_blocks_and_nothing_runs_again(LeaveBy how, bool leaverHostsTheJob)
    {
        using var folder = new TempFolder();
        var input = Path.Combine(folder.Path, "in");
        var gate = Path.Combine(folder.Path, "gate");
        Directory.CreateDirectory(input);
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var f = 0; f < 6; f++)
        {
            var words = Enumerable.Range(0, 400).Select(i => $"w{(i * 11 + f) % 53}").ToList();
            // The first two files run at once, one per silo, and leave blocks on both; the others wait at the gate.
            File.WriteAllLines(Path.Combine(input, $"part-{f}.txt"), f < 2 ? words : [$"GATE {gate}", .. words]);
            foreach (var w in words) expected[w] = expected.GetValueOrDefault(w) + 1;
        }
        await using var cluster = await FabricCluster.StartAsync(2, Path.Combine(folder.Path, "work"), "--slots", "1", "--memory", "64m");
        var job = await cluster.Client.SubmitMapReduceAsync<GatedWordCount>(new MapReduceSubmission
        {
            Inputs = [input], OutputDirectory = Path.Combine(folder.Path, "out"), Reducers = 2,
        });
        // Two map tasks done (one per silo) and one held at the gate on each silo.
        await Eventually.TrueAsync(async () =>
            (await job.GetInfoAsync()).Stages[0].CompletedTasks == 2 && (await cluster.Client.GetClusterAsync()).All(s => s.RunningTasks == 1),
            TimeSpan.FromSeconds(60), "two map tasks done and one running on each silo");

        var jobHost = await cluster.Client.Orleans.GetGrain<IManagementGrain>(0).GetActivationAddress(cluster.Client.Orleans.GetGrain<IJobGrain>(job.JobId));
        Assert.NotNull(jobHost);
        var leaving = cluster.Silos.Single(s => (s.SiloPort == jobHost.Endpoint.Port) == leaverHostsTheJob);
        var address = (await cluster.Client.GetClusterAsync()).Single(s => s.Silo.StartsWith($"127.0.0.1:{leaving.SiloPort}@", StringComparison.Ordinal)).Silo;
        var drained = how == LeaveBy.Sigterm
            ? Task.Run(() => leaving.Process.Signal(PosixSignalNumber.Terminate))
            : cluster.Client.DrainAsync(address);
        await Eventually.TrueAsync(async () => (await cluster.Client.GetClusterAsync()).Single(s => s.Silo == address).Draining,
            TimeSpan.FromSeconds(30), "the leaving silo draining");

        // Its running task may finish: the drain waits for it before it moves the blocks.
        File.WriteAllText(gate, "open");
        await drained;
        Assert.True(leaving.Process.WaitForExit(TimeSpan.FromSeconds(60)), $"the drained silo did not exit:\n{leaving.Process.Output}");
        var result = await job.WaitAsync();

        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), Corpus.ReadCounts(result.OutputFiles).OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Empty(result.OtherAttempts);
        var drain = Assert.Single(result.Drains);
        Assert.Equal(address, drain.Silo);
        // Two map tasks ran on the leaving silo (the ungated one and the one it let finish), two blocks each.
        Assert.Equal(2, result.Tasks.Count(t => t.Stage == "map" && t.Silo == address));
        Assert.Equal(4, drain.BlocksMoved);
        Assert.True(drain.BytesMoved > 0);
        Assert.DoesNotContain(result.Tasks, t => t.Stage != "map" && t.Silo == address);
    }

    public enum LeaveBy
    {
        Sigterm,
        DrainCall,
    }
}
