using System.Net.Sockets;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma.Tests;

public sealed class DataPlaneServerTests : IDisposable
{
    private readonly TestDirectories _dirs = new();

    [Fact]
    public async Task A_garbage_request_gets_a_refusal_and_the_server_keeps_serving_others()
    {
        using var owner = new TierNode(_dirs.Options("owner", sharedMemory: false));
        using var peer = new TierNode(_dirs.Options("peer", sharedMemory: false));
        var block = await owner.Store.AllocateAsync("job", 9, 100);
        await owner.Store.WriteAsync(block, 0, TestBytes.Make(100, 9));

        using (var rogue = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await rogue.ConnectAsync("127.0.0.1", owner.Endpoint.Port);
            var garbage = new byte[40];
            garbage[0] = 0xEE; // no such operation, no strings
            await rogue.SendAsync(garbage);
            var reply = new byte[5];
            Assert.Equal(5, await rogue.ReceiveAsync(reply));
            Assert.Equal(4, reply[0]); // BadRequest
        }

        var back = new byte[100];
        await peer.Store.ReadAsync(block, 0, back);
        Assert.Equal(TestBytes.Make(100, 9), back);
    }

    [Fact]
    public async Task A_dead_owner_is_reported_with_its_endpoint()
    {
        var owner = new TierNode(_dirs.Options("owner", sharedMemory: false));
        using var peer = new TierNode(_dirs.Options("peer", sharedMemory: false));
        var block = await owner.Store.AllocateAsync("job", 9, 100);
        owner.Dispose();

        var error = await Assert.ThrowsAsync<IOException>(() => peer.Store.ReadAsync(block, 0, new byte[100]).AsTask());
        Assert.Contains(block.Owner, error.Message);
    }

    [Fact]
    public async Task The_owner_serves_its_disk_blocks_over_tcp_to_hosts_that_cannot_see_the_files()
    {
        using var owner = new TierNode(_dirs.Options("owner"));
        using var peer = new TierNode(_dirs.Options("peer"));
        var bytes = TestBytes.Make((3 << 20) + 17, 13); // several server chunks
        var block = await owner.Disk.AllocateAsync("job-remote-disk", 61, bytes.Length);

        // The peer's client is what another host's Disk store uses when the file is not visible.
        await peer.Client.WriteAsync(block, 0, bytes);
        var back = new byte[bytes.Length];
        await peer.Client.ReadAsync(block, 0, back);

        Assert.Equal(bytes, back);
        await Assert.ThrowsAsync<BlockAccessDeniedException>(() => peer.Client.ReadAsync(block with { AccessKey = 62 }, 0, new byte[10]).AsTask());
        var outside = block with { Location = Path.Combine(_dirs.Root, "elsewhere", block.JobId, block.BlockId) };
        Directory.CreateDirectory(Path.GetDirectoryName(outside.Location)!);
        File.Copy(block.Location, outside.Location);
        await Assert.ThrowsAsync<BlockNotFoundException>(() => peer.Client.ReadAsync(outside, 0, new byte[10]).AsTask());
    }

    public void Dispose() => _dirs.Dispose();
}
