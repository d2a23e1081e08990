using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using OrleansFlow.Tests.Infrastructure;
using OrleansFlow.Tests.Programs;

namespace OrleansFlow.Tests.MultiProcess;

/// <summary>Compute that joins while a job runs gets work of the stage that is running, not only of later stages.</summary>
public sealed class ScaleOutTests
{
    [Fact]
    public async Task A_silo_that_joins_during_the_map_stage_runs_map_tasks_of_that_stage()
    {
        using var folder = new TempFolder();
        var input = Path.Combine(folder.Path, "in");
        var gate = Path.Combine(folder.Path, "gate");
        Directory.CreateDirectory(input);
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var f = 0; f < 6; f++)
        {
            var words = Enumerable.Range(0, 500).Select(i => $"w{(i * 7 + f) % 37}").ToList();
            File.WriteAllLines(Path.Combine(input, $"part-{f}.txt"), [$"GATE {gate}", .. words]);
            foreach (var w in words) expected[w] = expected.GetValueOrDefault(w) + 1;
        }
        // One silo with one slot: one map task runs (held at the gate), the other five wait for a slot.
        await using var cluster = await FabricCluster.StartAsync(1, Path.Combine(folder.Path, "work"), "--slots", "1", "--memory", "64m");
        var first = (await cluster.Client.GetClusterAsync()).Single().Silo;
        var job = await cluster.Client.SubmitMapReduceAsync<GatedWordCount>(new MapReduceSubmission
        {
            Inputs = [input], OutputDirectory = Path.Combine(folder.Path, "out"), Reducers = 2,
        });
        await Eventually.TrueAsync(async () => (await cluster.Client.GetClusterAsync()).Single().RunningTasks == 1, TimeSpan.FromSeconds(60), "the first map task running");

        await cluster.AddSiloAsync();
        var joined = (await cluster.Client.GetClusterAsync()).Single(s => s.Silo != first).Silo;
        // The map stage is still running (every task waits at the gate): the new silo must get one of its tasks.
        await Eventually.TrueAsync(async () => (await cluster.Client.GetClusterAsync()).Single(s => s.Silo == joined).RunningTasks == 1,
            TimeSpan.FromSeconds(30), "the joined silo running a map task");
        var info = await job.GetInfoAsync();
        Assert.Equal("map", info.Stages.Single(s => s.FinishedAt is null && s.StartedAt is not null).Name);

        File.WriteAllText(gate, "open");
        var result = await job.WaitAsync();

        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), Corpus.ReadCounts(result.OutputFiles).OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Contains(result.Tasks, t => t.Stage == "map" && t.Silo == joined);
        Assert.Contains(result.Tasks, t => t.Stage == "map" && t.Silo == first);
    }
}
