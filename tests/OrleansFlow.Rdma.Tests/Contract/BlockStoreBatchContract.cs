using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma.Tests.Contract;

/// <summary>
/// The batch calls (<see cref="IBlockStore.ReadManyAsync"/>, <see cref="IBlockStore.WriteManyAsync"/>), for every
/// store and transport: blocks the peer holds itself mixed with the owner's, several sizes and offsets, and a bad item
/// in the middle of a batch.
/// </summary>
public abstract partial class BlockStoreContract
{
    private static readonly int[] BatchSizes = [1, 4095, 65_536, 300_000, 1000, (3 << 20) + 7, 17];

    [Fact]
    public async Task A_batch_of_mixed_blocks_round_trips_each_into_its_own_destination()
    {
        // Even items are the owner's (remote for a peer in another "process"), odd ones the peer's own.
        var blocks = new BlockDescriptor[BatchSizes.Length];
        for (var i = 0; i < blocks.Length; i++)
            blocks[i] = await (i % 2 == 0 ? Owner : Peer).AllocateAsync("job-batch", Key, BatchSizes[i]);
        var writes = blocks.Select((b, i) => new BlockWrite(b, 0, TestBytes.Make(BatchSizes[i], 200 + i))).ToList();

        await Peer.WriteManyAsync(writes);
        var back = BatchSizes.Select(size => new byte[size]).ToArray();
        await Peer.ReadManyAsync(blocks.Select((b, i) => new BlockRead(b, 0, back[i])).ToList());

        for (var i = 0; i < blocks.Length; i++)
            Assert.True(TestBytes.Make(BatchSizes[i], 200 + i).AsSpan().SequenceEqual(back[i]), $"block {i} ({BatchSizes[i]} bytes) differs");
        // The same bytes through the one-block call: the batch wrote what a single read sees.
        var single = new byte[BatchSizes[3]];
        await Owner.ReadAsync(blocks[3], 0, single);
        Assert.Equal(back[3], single);
    }

    [Fact]
    public async Task A_batch_reads_ranges_at_offsets_and_the_same_block_twice()
    {
        var bytes = TestBytes.Make(200_000, 31);
        var block = await Owner.AllocateAsync("job-batch-ranges", Key, bytes.Length);
        await Peer.WriteManyAsync([new BlockWrite(block, 0, bytes.AsMemory(0, 100_000)), new BlockWrite(block, 100_000, bytes.AsMemory(100_000))]);

        var head = new byte[10];
        var middle = new byte[70_000];
        var tail = new byte[1];
        await Peer.ReadManyAsync([new BlockRead(block, 0, head), new BlockRead(block, 99_000, middle), new BlockRead(block, 199_999, tail)]);

        Assert.Equal(bytes[..10], head);
        Assert.Equal(bytes[99_000..169_000], middle);
        Assert.Equal(bytes[199_999], tail[0]);
    }

    [Fact]
    public async Task A_batch_of_many_small_blocks_keeps_them_apart()
    {
        const int count = 300;
        var blocks = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Owner.AllocateAsync("job-batch-many", Key, 1000 + i * 37).AsTask()));
        await Peer.WriteManyAsync(blocks.Select((b, i) => new BlockWrite(b, 0, TestBytes.Make((int)b.Length, 1000 + i))).ToList());

        var back = blocks.Select(b => new byte[b.Length]).ToArray();
        await Peer.ReadManyAsync(blocks.Select((b, i) => new BlockRead(b, 0, back[i])).ToList());

        for (var i = 0; i < count; i++)
            Assert.True(TestBytes.Make((int)blocks[i].Length, 1000 + i).AsSpan().SequenceEqual(back[i]), $"block {i} differs");
    }

    [Fact]
    public async Task A_wrong_key_in_the_middle_of_a_batch_is_refused_and_its_destination_untouched()
    {
        var blocks = new BlockDescriptor[5];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = await (i % 2 == 0 ? Owner : Peer).AllocateAsync("job-batch-keys", Key, 70_000);
            await Peer.WriteAsync(blocks[i], 0, TestBytes.Make(70_000, 300 + i));
        }
        var stolen = blocks[2] with { AccessKey = Key + 1 };
        var destinations = blocks.Select(_ => Enumerable.Repeat((byte)0xAB, 70_000).ToArray()).ToArray();
        var reads = blocks.Select((b, i) => new BlockRead(i == 2 ? stolen : b, 0, destinations[i])).ToList();

        var error = await Assert.ThrowsAsync<BlockAccessDeniedException>(() => Peer.ReadManyAsync(reads).AsTask());
        var writeError = await Assert.ThrowsAsync<BlockAccessDeniedException>(() =>
            Peer.WriteManyAsync([new BlockWrite(blocks[1], 0, TestBytes.Make(70_000, 301)), new BlockWrite(stolen, 0, new byte[70_000])]).AsTask());

        Assert.Contains(blocks[2].BlockId, error.Message);
        Assert.Contains(blocks[2].BlockId, writeError.Message);
        Assert.All(destinations[2], b => Assert.Equal(0xAB, b));
        var back = new byte[70_000];
        await Peer.ReadAsync(blocks[2], 0, back);
        Assert.Equal(TestBytes.Make(70_000, 302), back); // the refused write changed nothing
    }

    [Fact]
    public async Task An_unknown_block_in_a_batch_is_not_found_and_named()
    {
        var real = await Owner.AllocateAsync("job-batch-unknown", Key, 4096);
        await Peer.WriteAsync(real, 0, TestBytes.Make(4096, 41));
        var unknown = real with { BlockId = real.BlockId + "-never" };
        var first = new byte[4096];
        var missing = Enumerable.Repeat((byte)0xCD, 4096).ToArray();

        var error = await Assert.ThrowsAsync<BlockNotFoundException>(() =>
            Peer.ReadManyAsync([new BlockRead(real, 0, first), new BlockRead(unknown, 0, missing)]).AsTask());

        Assert.Contains(unknown.BlockId, error.Message);
        Assert.All(missing, b => Assert.Equal(0xCD, b));
    }

    [Fact]
    public async Task An_empty_batch_does_nothing()
    {
        var before = Owner.GetUsage();

        await Peer.ReadManyAsync([]);
        await Peer.WriteManyAsync([]);

        Assert.Equal(before, Owner.GetUsage());
    }
}
