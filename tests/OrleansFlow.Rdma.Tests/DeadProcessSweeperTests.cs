namespace OrleansFlow.Rdma.Tests;

public sealed class DeadProcessSweeperTests : IDisposable
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

    [Fact]
    public void A_new_tier_removes_spill_directories_of_dead_processes_in_the_default_layout()
    {
        var spillRoot = Path.Combine(_dirs.Root, "spill");
        var dead = Path.Combine(spillRoot, "99999999");
        var live = Path.Combine(spillRoot, "1"); // init is always alive
        var other = Path.Combine(spillRoot, "not-a-pid");
        foreach (var directory in new[] { dead, live, other })
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, "block"), [1]);
        }
        var options = _dirs.Options("spiller");
        options.SpillDirectory = Path.Combine(spillRoot, Environment.ProcessId.ToString());

        using var node = new TierNode(options);

        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(other));
    }

    public void Dispose() => _dirs.Dispose();
}
