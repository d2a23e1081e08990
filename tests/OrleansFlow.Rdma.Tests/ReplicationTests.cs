
namespace OrleansFlow.Rdma.Tests;

public sealed class ReplicationTests : IDisposable
{
    private readonly TestDirectories _dirs = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_replicated_block_survives_the_loss_of_its_owner(bool sharedMemory)
    {
        var peers = new MutablePeers();
        var options = _dirs.Options("a", sharedMemory: sharedMemory);
        options.ReplicationFactor = 2;
        var a = new TierNode(options, peers);
        using var b = new TierNode(_dirs.Options("b", sharedMemory: sharedMemory), peers);
        using var c = new TierNode(_dirs.Options("c", sharedMemory: sharedMemory), peers);
        peers.Endpoints = [a.Endpoint.Endpoint, b.Endpoint.Endpoint, c.Endpoint.Endpoint];
        var bytes = TestBytes.Make(3 << 20, 21);

        var block = await a.Store.AllocateAsync("job-rep", 77, bytes.Length);
        await a.Store.WriteAsync(block, 0, bytes);
        var replica = Assert.Single(block.Replicas);
        Assert.NotEqual(block.Owner, replica.Owner);
        a.Dispose(); // the primary's silo is gone, its memory with it

        var holder = replica.Owner == b.Endpoint.Endpoint ? b : c;
        var other = holder == b ? c : b;
        var back = new byte[bytes.Length];
        await other.Store.ReadAsync(block, 0, back);
        Assert.Equal(bytes, back);
        Assert.True(holder.Store.IsLocal(block));
        Assert.Equal(1, holder.Store.GetUsage().Blocks);
    }

    [Fact]
    public async Task A_replication_factor_without_enough_peers_fails_naming_it_and_leaks_nothing()
    {
        var options = _dirs.Options("alone");
        options.ReplicationFactor = 3;
        using var alone = new TierNode(options, new StaticTierPeers(["127.0.0.1:1"]));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => alone.Store.AllocateAsync("job", 1, 10).AsTask());

        Assert.Contains("Replication factor 3 needs 2", error.Message);
        Assert.Equal(0, alone.Store.GetUsage().Blocks);
    }

    [Fact]
    public async Task A_peer_that_does_not_answer_is_passed_over_for_the_next_one()
    {
        var options = _dirs.Options("writer");
        options.ReplicationFactor = 2;
        using var live = new TierNode(_dirs.Options("live"), new NoTierPeers());
        // A silo that died and that membership has not removed yet: its endpoint refuses connections.
        var dead = $"127.0.0.1:{ClosedPort()}";
        using var writer = new TierNode(options, new StaticTierPeers([dead, live.Endpoint.Endpoint]));
        var bytes = TestBytes.Make(100_000, 5);

        // Whichever peer the block id picks first, the replica lands on the one that answers.
        for (var i = 0; i < 4; i++)
        {
            var block = await writer.Store.AllocateAsync($"job-{i}", 9, bytes.Length);
            await writer.Store.WriteAsync(block, 0, bytes);
            Assert.Equal(live.Endpoint.Endpoint, Assert.Single(block.Replicas).Owner);
        }
        Assert.Equal(4, live.Store.GetUsage().Blocks);
    }

    [Fact]
    public async Task When_too_few_peers_answer_the_allocation_fails_naming_them_and_leaks_nothing()
    {
        var options = _dirs.Options("stranded");
        options.ReplicationFactor = 2;
        var dead = $"127.0.0.1:{ClosedPort()}";
        using var stranded = new TierNode(options, new StaticTierPeers([dead]));

        var error = await Assert.ThrowsAsync<IOException>(() => stranded.Store.AllocateAsync("job", 1, 10).AsTask());

        Assert.Contains("only 0 of 1 replica(s)", error.Message);
        Assert.Contains(dead, error.Message);
        Assert.Equal(0, stranded.Store.GetUsage().Blocks);
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose() => _dirs.Dispose();

    private sealed class MutablePeers : ITierPeerDirectory
    {
        public IReadOnlyList<string> Endpoints { get; set; } = [];

        public IReadOnlyList<string> GetPeerEndpoints() => Endpoints;
    }
}
