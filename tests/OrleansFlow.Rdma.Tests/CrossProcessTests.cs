using System.IO.Hashing;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.Memory;

namespace OrleansFlow.Rdma.Tests;

/// <summary>Bytes written by one OS process and read by another, over shared memory and over TCP.</summary>
public sealed class CrossProcessTests : IDisposable
{
    private const int Length = (8 << 20) + 123;
    private readonly TestDirectories _dirs = new();

    [Theory]
    [InlineData(true, TierTransport.SharedMemory)]
    [InlineData(false, TierTransport.Tcp)]
    public async Task Another_process_writes_and_this_one_reads_identical_bytes(bool childSharedMemory, TierTransport expected)
    {
        using var child = new TierChildProcess(_dirs.Root, childSharedMemory);
        using var self = new TierNode(_dirs.Options("self"));

        var (childHash, block) = child.Write(ShuffleStoreKind.Memory, "job-x", 31, Length, seed: 5);
        var back = new byte[Length];
        await self.Store.ReadAsync(block, 0, back);

        Assert.Equal(child.Endpoint, block.Owner);
        Assert.Equal(expected, self.Store.ChooseTransport(block));
        Assert.Equal(XxHash64.HashToUInt64(TestBytes.Make(Length, 5)), childHash);
        Assert.Equal(childHash, XxHash64.HashToUInt64(back));
        var stolen = block with { AccessKey = 32 };
        await Assert.ThrowsAsync<BlockAccessDeniedException>(() => self.Store.ReadAsync(stolen, 0, new byte[10]).AsTask());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task This_process_writes_and_another_reads_identical_bytes(bool sharedMemory)
    {
        using var self = new TierNode(_dirs.Options("self", sharedMemory: sharedMemory));
        using var child = new TierChildProcess(_dirs.Root, sharedMemory);
        var bytes = TestBytes.Make(Length, 6);
        var block = await self.Store.AllocateAsync("job-y", 41, Length);
        await self.Store.WriteAsync(block, 0, bytes);

        Assert.Equal(XxHash64.HashToUInt64(bytes), child.Read(block));
        var error = Assert.Throws<InvalidOperationException>(() => child.Read(block with { AccessKey = 42 }));
        Assert.Contains(nameof(BlockAccessDeniedException), error.Message);
    }

    [Fact]
    public async Task Disk_blocks_written_by_one_process_are_read_by_the_other_both_ways()
    {
        using var self = new TierNode(_dirs.Options("self"));
        using var child = new TierChildProcess(_dirs.Root, sharedMemory: true);

        var (childHash, childBlock) = child.Write(ShuffleStoreKind.Disk, "job-d", 51, Length, seed: 7);
        var back = new byte[Length];
        await self.Disk.ReadAsync(childBlock, 0, back);
        var bytes = TestBytes.Make(Length, 8);
        var selfBlock = await self.Disk.AllocateAsync("job-d", 52, Length);
        await self.Disk.WriteAsync(selfBlock, 0, bytes);

        Assert.Equal(XxHash64.HashToUInt64(TestBytes.Make(Length, 7)), childHash);
        Assert.Equal(childHash, XxHash64.HashToUInt64(back));
        Assert.Equal(XxHash64.HashToUInt64(bytes), child.Read(selfBlock));
        await Assert.ThrowsAsync<BlockAccessDeniedException>(() => self.Disk.ReadAsync(childBlock with { AccessKey = 1 }, 0, new byte[1]).AsTask());
    }

    [Fact]
    public async Task Batches_cross_processes_over_tcp_both_ways_with_identical_bytes()
    {
        using var child = new TierChildProcess(_dirs.Root, sharedMemory: false);
        using var self = new TierNode(_dirs.Options("self", sharedMemory: false));
        int[] sizes = [1, 65_536, 1 << 20, 4095, (3 << 20) + 1, 100_000];
        var childBlocks = new List<(ulong Hash, BlockDescriptor Block)>();
        for (var i = 0; i < sizes.Length; i++)
            childBlocks.Add(child.Write(ShuffleStoreKind.Memory, "job-batch", 61, sizes[i], seed: 70 + i));
        var localBytes = TestBytes.Make(50_000, 80);
        var local = await self.Store.AllocateAsync("job-batch", 61, localBytes.Length);
        await self.Store.WriteAsync(local, 0, localBytes);

        // This process reads the child's blocks and one of its own in one batch.
        var reads = childBlocks.Select(c => new BlockRead(c.Block, 0, new byte[c.Block.Length])).Append(new BlockRead(local, 0, new byte[localBytes.Length])).ToList();
        await self.Store.ReadManyAsync(reads);
        // The child reads this process's blocks in one batch, written here in one batch.
        var mine = new List<BlockDescriptor>();
        var writes = new List<BlockWrite>();
        for (var i = 0; i < sizes.Length; i++)
        {
            mine.Add(await self.Store.AllocateAsync("job-batch", 62, sizes[i]));
            writes.Add(new BlockWrite(mine[i], 0, TestBytes.Make(sizes[i], 90 + i)));
        }
        await self.Store.WriteManyAsync(writes);
        var childHashes = child.ReadMany(mine);

        Assert.All(childBlocks, c => Assert.Equal(TierTransport.Tcp, self.Store.ChooseTransport(c.Block)));
        for (var i = 0; i < sizes.Length; i++)
        {
            Assert.Equal(XxHash64.HashToUInt64(TestBytes.Make(sizes[i], 70 + i)), childBlocks[i].Hash);
            Assert.Equal(childBlocks[i].Hash, XxHash64.HashToUInt64(reads[i].Destination.Span));
            Assert.Equal(XxHash64.HashToUInt64(TestBytes.Make(sizes[i], 90 + i)), childHashes[i]);
        }
        Assert.Equal(XxHash64.HashToUInt64(localBytes), XxHash64.HashToUInt64(reads[^1].Destination.Span));
        var stolen = mine.Select((b, i) => i == 3 ? b with { AccessKey = 63 } : b).ToList();
        var error = Assert.Throws<InvalidOperationException>(() => child.ReadMany(stolen));
        Assert.Contains(nameof(BlockAccessDeniedException), error.Message);
        Assert.Contains(mine[3].BlockId, error.Message);
    }

    public void Dispose() => _dirs.Dispose();
}
