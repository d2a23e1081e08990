using Microsoft.Extensions.Hosting;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma.Hosting;

/// <summary>Runs the data plane while the host runs; on shutdown frees every store's memory and files.</summary>
internal sealed class BlockStoreHostedService(IBlockStoreProvider provider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var store in provider.All)
            (store as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }
}
