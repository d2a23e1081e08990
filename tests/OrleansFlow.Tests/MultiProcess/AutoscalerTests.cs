using Microsoft.Extensions.Logging.Abstractions;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using OrleansFlow.Scaler;
using OrleansFlow.Testing;
using OrleansFlow.Tests.Infrastructure;
using OrleansFlow.Tests.Programs;

namespace OrleansFlow.Tests.MultiProcess;

/// <summary>Compute scaled to zero: one memory silo holds the grains and blocks, the process autoscaler starts a compute
/// silo when a job's tasks wait, and drains it back to zero once it has been idle.</summary>
public sealed class AutoscalerTests
{
    [Fact]
    public async Task From_zero_compute_the_scaler_starts_a_silo_for_a_job_and_drains_back_to_zero_when_idle()
    {
        using var folder = new TempFolder();
        var input = Path.Combine(folder.Path, "in");
        Directory.CreateDirectory(input);
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var f = 0; f < 4; f++)
        {
            var words = Enumerable.Range(0, 300).Select(i => (i * 13 + f) % 41).Select(n => $"{(char)('a' + n % 26)}{(char)('a' + n / 26)}x").ToList();
            File.WriteAllLines(Path.Combine(input, $"part-{f}.txt"), words);
            foreach (var w in words) expected[w] = expected.GetValueOrDefault(w) + 1;
        }
        var work = Path.Combine(folder.Path, "work");
        await using var cluster = await FabricCluster.StartAsync(1, work, "--role", "memory", "--slots", "2", "--memory", "64m");
        var memorySilo = Assert.Single(await cluster.Client.GetClusterAsync());
        Assert.Equal(SiloRole.Memory, memorySilo.Role);

        var provider = new ProcessComputeProvider(cluster.Client, new ProcessComputeOptions
        {
            Executable = "dotnet",
            Arguments = [FabricCluster.SiloExecutable, "--cluster", cluster.Endpoint.Cluster, "--cluster-id", cluster.ClusterId,
                "--slots", "2", "--memory", "64m", "--work-dir", work],
        }, NullLogger<ProcessComputeProvider>.Instance);
        await using var _ = provider;
        var policy = new ScalerPolicy(new ScalerPolicyOptions
        {
            MinSilos = 0, MaxSilos = 2, SlotsPerSilo = 2,
            ScaleOutAfter = TimeSpan.FromMilliseconds(500), IdleBeforeScaleIn = TimeSpan.FromSeconds(1), Cooldown = TimeSpan.Zero,
        });
        var scaler = new Autoscaler(cluster.Client, provider, policy, NullLogger<Autoscaler>.Instance) { Interval = TimeSpan.FromMilliseconds(200) };
        using var stop = new CancellationTokenSource();
        var scaling = scaler.RunAsync(stop.Token);

        var job = await cluster.Client.SubmitMapReduceAsync<UserWordCount>(new MapReduceSubmission
        {
            Inputs = [input], OutputDirectory = Path.Combine(folder.Path, "out"), Reducers = 2,
        });
        var result = await job.WaitAsync();

        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), Corpus.ReadCounts(result.OutputFiles).OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.DoesNotContain(result.Tasks, t => t.Silo == memorySilo.Silo);
        Assert.Empty(result.OtherAttempts);
        var scaleOut = scaler.Decisions.First();
        Assert.Equal(ScalerAction.ScaleOut, scaleOut.Action);
        Assert.Equal(0, scaleOut.ComputeSilos);

        // Idle now: the compute silo drains and its process exits, leaving the memory silo alone.
        await Eventually.TrueAsync(async () => provider.Running == 0 && (await cluster.Client.GetClusterAsync()).Count == 1,
            TimeSpan.FromSeconds(90), "compute scaled back to zero");
        Assert.Contains(scaler.Decisions, d => d.Action == ScalerAction.ScaleIn);
        Assert.Equal(memorySilo.Silo, Assert.Single(await cluster.Client.GetClusterAsync()).Silo);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scaling);
    }
}
