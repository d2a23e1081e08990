using System.IO.Hashing;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.Memory;

namespace OrleansFlow.Rdma.Tests;

public sealed class PeerBlockViewTests : IDisposable
{
    private readonly TestDirectories _dirs = new();

    [Fact]
    public async Task A_peer_views_a_block_in_place_with_the_bytes_a_read_returns_until_the_owner_frees_it()
    {
        using var owner = new TierNode(_dirs.Options("owner"));
        using var peer = new TierNode(_dirs.Options("peer"));
        var bytes = TestBytes.Make((3 << 20) + 17, 8);
        var block = await owner.Store.AllocateAsync("job-view", 41, bytes.Length);
        await owner.Store.WriteAsync(block, 0, bytes);

        Assert.True(peer.Store.TryViewPeerMemory(block, out var view));
        using (view)
        {
            var read = new byte[bytes.Length];
            await peer.Store.ReadAsync(block, 0, read);
            Assert.Equal(XxHash64.HashToUInt64(read), XxHash64.HashToUInt64(view.Memory.Span));
            Assert.True(view.IsIntact);

            await owner.Store.FreeAsync(block);
            Assert.False(view.IsIntact);
        }
        Assert.False(view.IsIntact);
    }

    [Fact]
    public async Task No_view_without_shared_memory_of_a_spilled_block_or_with_a_wrong_key()
    {
        using var owner = new TierNode(_dirs.Options("owner", memoryCapacity: 1 << 20));
        using var peer = new TierNode(_dirs.Options("peer"));
        using var tcpOnly = new TierNode(_dirs.Options("tcp", sharedMemory: false));
        var inDram = await owner.Store.AllocateAsync("job-view", 42, 4096);
        var spilled = await owner.Store.AllocateAsync("job-view", 42, 2 << 20); // past the 1 MiB budget

        Assert.False(tcpOnly.Store.TryViewPeerMemory(inDram, out _));
        Assert.False(peer.Store.TryViewPeerMemory(spilled, out _));
        Assert.Throws<BlockAccessDeniedException>(() => peer.Store.TryViewPeerMemory(inDram with { AccessKey = 43 }, out _));
    }

    public void Dispose() => _dirs.Dispose();
}
