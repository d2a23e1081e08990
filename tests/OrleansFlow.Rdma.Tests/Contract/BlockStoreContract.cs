using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma.Tests.Contract;

/// <summary>
/// What every store and transport must do. <see cref="Owner"/> allocates and frees; <see cref="Peer"/> moves the bytes,
/// so that a subclass whose peer is another "process" exercises a transport (shared memory, TCP) rather than local copies.
/// </summary>
public abstract partial class BlockStoreContract : IDisposable
{
    private const ulong Key = 0x5EC12E7_0000_0001;

    protected abstract IBlockStore Owner { get; }

    protected abstract IBlockStore Peer { get; }

    public abstract void Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(65_536)]
    [InlineData((1 << 20) + 3)]
    [InlineData(64 << 20)]
    public async Task Round_trip_returns_the_bytes_written(int length)
    {
        var bytes = TestBytes.Make(length, length);
        var block = await Owner.AllocateAsync("job-rt", Key, length);

        await Peer.WriteAsync(block, 0, bytes);
        var back = new byte[length];
        await Peer.ReadAsync(block, 0, back);

        Assert.Equal(length, block.Length);
        Assert.True(bytes.AsSpan().SequenceEqual(back), $"{length} bytes did not come back identical");
        await Owner.FreeAsync(block);
    }

    [Fact]
    public async Task Reads_and_writes_at_offsets_touch_only_their_range()
    {
        var block = await Owner.AllocateAsync("job-offsets", Key, 10_000);
        var whole = TestBytes.Make(10_000, 7);
        await Peer.WriteAsync(block, 0, whole);
        var patch = TestBytes.Make(1_000, 8);
        await Peer.WriteAsync(block, 4_321, patch);
        patch.CopyTo(whole, 4_321);

        var middle = new byte[3_000];
        await Peer.ReadAsync(block, 3_000, middle);
        var all = new byte[10_000];
        await Peer.ReadAsync(block, 0, all);

        Assert.Equal(whole.AsSpan(3_000, 3_000).ToArray(), middle);
        Assert.Equal(whole, all);
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_each_see_their_own_block()
    {
        const int blocks = 24, length = 300_000;
        var descriptors = await Task.WhenAll(Enumerable.Range(0, blocks).Select(i => Owner.AllocateAsync("job-concurrent", Key, length).AsTask()));

        await Task.WhenAll(descriptors.Select((b, i) => Task.Run(async () => await Peer.WriteAsync(b, 0, TestBytes.Make(length, 100 + i)))));
        var reads = await Task.WhenAll(descriptors.Select(b => Task.Run(async () =>
        {
            var back = new byte[length];
            // Two halves read concurrently with other blocks' reads: the transport must keep requests apart.
            await Task.WhenAll(Peer.ReadAsync(b, 0, back.AsMemory(0, length / 2)).AsTask(),
                Peer.ReadAsync(b, length / 2, back.AsMemory(length / 2)).AsTask());
            return back;
        })));

        for (var i = 0; i < blocks; i++)
            Assert.True(TestBytes.Make(length, 100 + i).AsSpan().SequenceEqual(reads[i]), $"block {i} differs");
    }

    [Fact]
    public async Task A_freed_block_is_not_found()
    {
        var block = await Owner.AllocateAsync("job-freed", Key, 4096);
        await Peer.WriteAsync(block, 0, new byte[4096]);
        await Owner.FreeAsync(block);

        await Assert.ThrowsAsync<BlockNotFoundException>(() => Peer.ReadAsync(block, 0, new byte[16]).AsTask());
        await Assert.ThrowsAsync<BlockNotFoundException>(() => Peer.WriteAsync(block, 0, new byte[16]).AsTask());
        await Owner.FreeAsync(block); // freeing twice is not an error
    }

    [Fact]
    public async Task An_unknown_block_is_not_found()
    {
        var real = await Owner.AllocateAsync("job-unknown", Key, 4096);
        var unknown = real with { BlockId = real.BlockId + "-never" };

        var error = await Assert.ThrowsAsync<BlockNotFoundException>(() => Peer.ReadAsync(unknown, 0, new byte[16]).AsTask());
        Assert.Contains(unknown.BlockId, error.Message);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_nothing_is_read_or_written()
    {
        var block = await Owner.AllocateAsync("job-keys", Key, 8192);
        var bytes = TestBytes.Make(8192, 3);
        await Peer.WriteAsync(block, 0, bytes);
        var stolen = block with { AccessKey = Key + 1 };

        var destination = Enumerable.Repeat((byte)0xAB, 8192).ToArray();
        var error = await Assert.ThrowsAsync<BlockAccessDeniedException>(() => Peer.ReadAsync(stolen, 0, destination).AsTask());
        await Assert.ThrowsAsync<BlockAccessDeniedException>(() => Peer.WriteAsync(stolen, 0, new byte[8192]).AsTask());

        Assert.Contains(block.BlockId, error.Message);
        Assert.All(destination, b => Assert.Equal(0xAB, b));
        var back = new byte[8192];
        await Peer.ReadAsync(block, 0, back);
        Assert.Equal(bytes, back);
    }

    [Fact]
    public async Task A_wrong_key_cannot_free_a_block()
    {
        var block = await Owner.AllocateAsync("job-keyfree", Key, 4096);
        await Peer.WriteAsync(block, 0, TestBytes.Make(4096, 12));

        await Assert.ThrowsAsync<BlockAccessDeniedException>(() => Peer.FreeAsync(block with { AccessKey = Key ^ 0xFF }).AsTask());

        var back = new byte[4096];
        await Peer.ReadAsync(block, 0, back);
        Assert.Equal(TestBytes.Make(4096, 12), back);
    }

    [Fact]
    public async Task A_range_past_the_end_is_refused_with_the_block_named()
    {
        var block = await Owner.AllocateAsync("job-range", Key, 100);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Peer.ReadAsync(block, 90, new byte[11]).AsTask());
        Assert.Contains(block.BlockId, error.Message);
    }

    [Fact]
    public async Task Freeing_a_job_frees_its_blocks_and_only_them()
    {
        var mine = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Owner.AllocateAsync("job-free-a", Key, 5000).AsTask()));
        var other = await Owner.AllocateAsync("job-free-b", Key, 5000);
        var usedBefore = Owner.GetUsage();

        var freed = await Owner.FreeJobAsync("job-free-a");

        Assert.Equal(5, freed);
        Assert.Equal(usedBefore.Blocks - 5, Owner.GetUsage().Blocks);
        foreach (var block in mine)
            await Assert.ThrowsAsync<BlockNotFoundException>(() => Peer.ReadAsync(block, 0, new byte[1]).AsTask());
        await Peer.ReadAsync(other, 0, new byte[5000]);
    }
}
