using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OrleansFlow.Rdma.Hosting;

/// <summary>Runs the data plane while the host runs; on shutdown stops it and frees every store's memory and files,
/// unless <see cref="BlockStoreHostingOptions.StopWithHost"/> hands the stop to the process.</summary>
internal sealed class BlockStoreHostedService(BlockStoreLifetime lifetime, IOptions<BlockStoreHostingOptions> hosting) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        hosting.Value.StopWithHost ? lifetime.StopAsync() : Task.CompletedTask;
}
