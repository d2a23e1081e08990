namespace OrleansFlow.Rdma.Tests;

public sealed class StaleRegionTests : IDisposable
{
    private readonly TestDirectories _dirs = new();

    [Fact]
    public void A_new_tier_removes_region_files_of_dead_processes_and_keeps_live_ones()
    {
        var shm = Path.Combine(_dirs.Root, "shm");
        Directory.CreateDirectory(shm);
        // Above Linux's largest pid_max (4194304), so no process can have it.
        var dead = Path.Combine(shm, "orleansflow-tier-99999999-0123456789abcdef.region");
        var live = Path.Combine(shm, $"orleansflow-tier-{Environment.ProcessId}-0123456789abcdef.region");
        var foreign = Path.Combine(shm, "someone-else.region");
        foreach (var file in new[] { dead, live, foreign })
            File.WriteAllBytes(file, [1, 2, 3]);
        var options = _dirs.Options("sweeper");
        options.SharedMemoryDirectory = shm;

        using var node = new TierNode(options);

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(foreign));
        Assert.True(File.Exists(node.Store.SharedRegionPath));
    }

    public void Dispose() => _dirs.Dispose();
}
