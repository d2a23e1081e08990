using OrleansFlow.Rdma.DataPlane;
using OrleansFlow.Rdma.Disk;
using OrleansFlow.Rdma.Memory;

namespace OrleansFlow.Rdma;

/// <summary>
/// One process's tier wired by hand, without a host: data endpoint and server, client, memory and disk stores.
/// <see cref="BlockStoreServiceCollectionExtensions.AddOrleansFlowBlockStores"/> wires the same parts in a silo;
/// the benchmark and the tests use this to run several "processes" side by side.
/// </summary>
internal sealed class TierNode : IDisposable
{
    private readonly DataPlaneServer _server;
    private bool _disposed;

    public TierNode(BlockStoreOptions options, ITierPeerDirectory? peers = null)
    {
        Endpoint = new DataPlaneEndpoint(options);
        Client = new DataPlaneClient();
        Store = new MemoryBlockStore(options, Endpoint, Client, peers);
        Disk = new DiskBlockStore(options, Endpoint, Client);
        _server = new DataPlaneServer(Endpoint, [Store.Host, Disk]);
        _server.Start();
    }

    public DataPlaneEndpoint Endpoint { get; }

    public DataPlaneClient Client { get; }

    public MemoryBlockStore Store { get; }

    public DiskBlockStore Disk { get; }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Client.Dispose();
        Store.Dispose();
        Disk.Dispose();
        Endpoint.Dispose();
    }
}
