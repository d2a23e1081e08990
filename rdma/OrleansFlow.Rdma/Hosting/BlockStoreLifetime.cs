using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.DataPlane;

namespace OrleansFlow.Rdma.Hosting;

/// <summary>
/// Serves the data plane and, once stopped, frees every store's memory and files. Start and stop are idempotent. The
/// host stops it (<see cref="BlockStoreHostingOptions.StopWithHost"/>) unless the process stops it later in its own
/// shutdown: a silo must keep its tier serving until it has moved its blocks to the silos that stay.
/// </summary>
public sealed class BlockStoreLifetime
{
    private readonly DataPlaneServer _server;
    private readonly IBlockStoreProvider _provider;
    private int _stopped;

    internal BlockStoreLifetime(DataPlaneServer server, IBlockStoreProvider provider)
    {
        _server = server;
        _provider = provider;
    }

    public void Start() => _server.Start();

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        await _server.DisposeAsync().ConfigureAwait(false);
        foreach (var store in _provider.All)
            (store as IDisposable)?.Dispose();
    }
}

/// <summary>Who stops the block stores.</summary>
public sealed class BlockStoreHostingOptions
{
    /// <summary>True: the host's shutdown stops them (as a hosted service). False: the process calls
    /// <see cref="BlockStoreLifetime.StopAsync"/> itself, later.</summary>
    public bool StopWithHost { get; set; } = true;
}
