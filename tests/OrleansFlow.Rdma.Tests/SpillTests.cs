using System.IO.Hashing;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma.Tests;

public sealed class SpillTests : IDisposable
{
    private const long Budget = 64L << 20;
    private const int BlockBytes = 4 << 20;
    private const int Blocks = 128; // 512 MiB
    private readonly TestDirectories _dirs = new();

    [Fact]
    public async Task Writing_512_MiB_into_a_64_MiB_budget_spills_and_reads_back_identical_within_the_budget()
    {
        using var owner = new TierNode(_dirs.Options("owner", memoryCapacity: Budget));
        using var peer = new TierNode(_dirs.Options("peer"));
        var buffer = new byte[BlockBytes];
        var written = new ulong[Blocks];
        var blocks = new BlockDescriptor[Blocks];
        long peakDram = 0;
        for (var i = 0; i < Blocks; i++)
        {
            blocks[i] = await owner.Store.AllocateAsync("job-spill", 99, BlockBytes);
            new Random(i).NextBytes(buffer);
            written[i] = XxHash64.HashToUInt64(buffer);
            await owner.Store.WriteAsync(blocks[i], 0, buffer);
            peakDram = Math.Max(peakDram, owner.Store.GetUsage().MemoryUsedBytes);
        }

        var usage = owner.Store.GetUsage();
        var regionBytesResident = TmpfsUsage.AllocatedBytes(owner.Store.SharedRegionPath!);
        for (var i = 0; i < Blocks; i++)
        {
            // Alternate owner (local or spill file) and a same-host peer (shared memory or the spill file).
            var reader = i % 2 == 0 ? owner.Store : peer.Store;
            Array.Clear(buffer);
            await reader.ReadAsync(blocks[i], 0, buffer);
            Assert.True(written[i] == XxHash64.HashToUInt64(buffer), $"block {i} read back different bytes");
        }

        Assert.Equal(Blocks, usage.Blocks);
        Assert.InRange(peakDram, 1, Budget);
        Assert.Equal((long)Blocks * BlockBytes - usage.MemoryUsedBytes, usage.DiskUsedBytes);
        Assert.True(usage.DiskUsedBytes >= 448L << 20, $"only {usage.DiskUsedBytes} bytes spilled");
        // What the kernel really holds for the region: the data within the budget plus the slot table (1/64 of it).
        Assert.InRange(regionBytesResident, Budget / 2, Budget + Budget / 64);
        Assert.Equal(Blocks, await owner.Store.FreeJobAsync("job-spill"));
        Assert.Equal(new StoreUsage(ShuffleStoreKind.Memory, Budget, 0, 0, 0), owner.Store.GetUsage());
    }

    public void Dispose() => _dirs.Dispose();
}
