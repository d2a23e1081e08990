using System.IO.Hashing;

namespace OrleansFlow.Rdma.Tests;

public sealed class PreTouchTests : IDisposable
{
    private const long Budget = 64L << 20;
    private readonly TestDirectories _dirs = new();

    [Fact]
    public async Task A_pre_touched_tier_holds_its_whole_budget_from_the_start_and_keeps_blocks_as_before()
    {
        var options = _dirs.Options("touched", memoryCapacity: Budget);
        options.PreTouchMemory = true;
        using var touched = new TierNode(options);
        using var fresh = new TierNode(_dirs.Options("fresh", memoryCapacity: Budget));

        // du counts the pages tmpfs has given each region file: all of the budget after the touch, next to none without.
        Assert.InRange(TmpfsUsage.AllocatedBytes(touched.Store.SharedRegionPath!), Budget, Budget + Budget / 32);
        Assert.InRange(TmpfsUsage.AllocatedBytes(fresh.Store.SharedRegionPath!), 0, Budget / 32);

        var bytes = new byte[3 << 20];
        new Random(5).NextBytes(bytes);
        var block = await touched.Store.AllocateAsync("job-touch", 7, bytes.Length);
        await touched.Store.WriteAsync(block, 0, bytes);
        var back = new byte[bytes.Length];
        await fresh.Store.ReadAsync(block, 0, back); // a same-host peer, through shared memory
        Assert.Equal(XxHash64.HashToUInt64(bytes), XxHash64.HashToUInt64(back));
    }

    public void Dispose() => _dirs.Dispose();
}
