using System.Text.Json;
using OrleansFlow.Testing;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Cli;

/// <summary><c>orleansflow drain</c> and <c>cluster</c> as an operator uses them on a two-silo cluster.</summary>
public sealed class CliDrainTests
{
    [Fact]
    public async Task Drain_takes_a_silo_out_and_cluster_shows_roles_and_states()
    {
        using var folder = new TempFolder();
        await using var cluster = await FabricCluster.StartAsync(2, folder.Sub("work"), "--slots", "1", "--memory", "64m");
        string[] at = ["--cluster", cluster.Endpoint.Cluster, "--cluster-id", cluster.ClusterId];
        var listed = await CliProcess.RunAsync(["cluster", "--json", .. at]);
        Assert.True(listed.ExitCode == 0, listed.Output);
        var silos = JsonDocument.Parse(listed.Stdout).RootElement.GetProperty("silos").EnumerateArray().ToList();
        Assert.Equal(2, silos.Count);
        Assert.All(silos, s => Assert.False(s.GetProperty("draining").GetBoolean()));
        var leaving = cluster.Silos[1];
        var address = silos.Select(s => s.GetProperty("silo").GetString()!).Single(s => s.StartsWith($"127.0.0.1:{leaving.SiloPort}@", StringComparison.Ordinal));

        var drained = await CliProcess.RunAsync(["drain", address, "--json", .. at]);

        Assert.True(drained.ExitCode == 0, drained.Output);
        var summary = JsonDocument.Parse(drained.Stdout).RootElement;
        Assert.Equal(address, summary.GetProperty("silo").GetString());
        Assert.Equal(0, summary.GetProperty("tasksHandedBack").GetInt32());
        Assert.True(summary.GetProperty("durationMs").GetInt64() >= 0);
        Assert.True(leaving.Process.WaitForExit(TimeSpan.FromSeconds(60)), $"the drained silo did not stop:\n{leaving.Process.Output}");
        Assert.Equal(0, leaving.Process.ExitCode);
        await Eventually.TrueAsync(async () => (await cluster.Client.GetClusterAsync()).Count == 1, TimeSpan.FromSeconds(60), "one silo left");
    }

    [Fact]
    public async Task Drain_of_an_unknown_silo_or_without_a_cluster_is_one_line()
    {
        var noCluster = await CliProcess.RunAsync("drain", "127.0.0.1:1@1");
        Assert.Equal(2, noCluster.ExitCode);
        Assert.Contains("drain needs a cluster", noCluster.Stderr);

        using var folder = new TempFolder();
        await using var cluster = await FabricCluster.StartAsync(1, folder.Sub("work"), "--slots", "1", "--memory", "64m");
        var unknown = await CliProcess.RunAsync("drain", "127.0.0.1:1@1", "--cluster", cluster.Endpoint.Cluster, "--cluster-id", cluster.ClusterId);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("error: no active silo '127.0.0.1:1@1'", unknown.Stderr);
        Assert.Single(unknown.Stderr.Trim().Split('\n'));
    }
}
