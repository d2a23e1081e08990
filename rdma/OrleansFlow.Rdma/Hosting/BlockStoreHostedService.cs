using Microsoft.Extensions.Hosting;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.DataPlane;

namespace OrleansFlow.Rdma.Hosting;

/// <summary>Runs the data plane while the host runs; on shutdown stops it and frees every store's memory and files.</summary>
internal sealed class BlockStoreHostedService(DataPlaneServer server, IBlockStoreProvider provider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        server.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await server.DisposeAsync().ConfigureAwait(false);
        foreach (var store in provider.All)
            (store as IDisposable)?.Dispose();
    }
}
