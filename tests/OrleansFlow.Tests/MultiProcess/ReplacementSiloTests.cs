using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using OrleansFlow.Testing;
using OrleansFlow.Tests.Infrastructure;
using OrleansFlow.Tests.Programs;

namespace OrleansFlow.Tests.MultiProcess;

/// <summary>A silo killed (-9) and a replacement started at once: the replacement joins while the dead silo is still
/// listed, membership declares the dead one gone, and work runs on the replacement.</summary>
public sealed class ReplacementSiloTests
{
    [Fact]
    public async Task A_replacement_started_right_after_a_kill_joins_and_runs_tasks()
    {
        using var folder = new TempFolder();
        var input = Path.Combine(folder.Path, "in");
        Directory.CreateDirectory(input);
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var f = 0; f < 6; f++)
        {
            var words = Enumerable.Range(0, 200).Select(i => (i * 7 + f) % 30).Select(n => $"{(char)('a' + n % 26)}{(char)('a' + n / 26)}y").ToList();
            File.WriteAllLines(Path.Combine(input, $"part-{f}.txt"), words);
            foreach (var w in words) expected[w] = expected.GetValueOrDefault(w) + 1;
        }
        var work = Path.Combine(folder.Path, "work");
        await using var cluster = await FabricCluster.StartAsync(3, work, "--slots", "1", "--memory", "64m");
        // Grains of every kind placed over the three silos (job, partitions, catalog, directory) before the kill.
        var warmUp = await (await cluster.Client.SubmitMapReduceAsync<UserWordCount>(new MapReduceSubmission
        {
            Inputs = [input], OutputDirectory = Path.Combine(folder.Path, "out-0"), Reducers = 6,
        })).WaitAsync();
        Assert.Equal(JobStatus.Succeeded, warmUp.Info.Status);

        var victim = cluster.Silos[1];
        await victim.Process.KillAsync();
        await using var replacement = await SiloProcess.StartAsync(FabricCluster.SiloExecutable,
            ["--cluster", cluster.Endpoint.Cluster, "--cluster-id", cluster.ClusterId, "--slots", "1", "--memory", "64m", "--work-dir", work]);

        var replacementPrefix = $"127.0.0.1:{replacement.SiloPort}@";
        var victimPrefix = $"127.0.0.1:{victim.SiloPort}@";
        await Eventually.TrueAsync(async () =>
        {
            var silos = (await cluster.Client.GetClusterAsync()).Select(s => s.Silo).ToList();
            return silos.Count == 3 && silos.Any(s => s.StartsWith(replacementPrefix, StringComparison.Ordinal)) && !silos.Any(s => s.StartsWith(victimPrefix, StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(90), "the replacement active and the killed silo gone");

        var result = await (await cluster.Client.SubmitMapReduceAsync<UserWordCount>(new MapReduceSubmission
        {
            Inputs = [input], OutputDirectory = Path.Combine(folder.Path, "out-1"), Reducers = 6,
        })).WaitAsync();

        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), Corpus.ReadCounts(result.OutputFiles).OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Contains(result.Tasks, t => t.Silo.StartsWith(replacementPrefix, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Tasks, t => t.Silo.StartsWith(victimPrefix, StringComparison.Ordinal));
    }
}
