using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.DataPlane;
using OrleansFlow.Rdma.Disk;
using OrleansFlow.Rdma.Hosting;
using OrleansFlow.Rdma.Memory;
using OrleansFlow.Rdma.Redis;

namespace OrleansFlow.Rdma;

public static class BlockStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBlockStoreProvider"/> with the memory tier, the Disk store and (when
    /// <see cref="BlockStoreOptions.RedisConfiguration"/> is set) the Redis store; <see cref="DataPlaneEndpoint"/> (the
    /// bound data endpoint, for <c>orleansflow cluster</c>); and a hosted service that serves the data plane and frees
    /// tier memory and shared-memory files on shutdown. Register your own <see cref="ITierPeerDirectory"/> for replication.
    /// </summary>
    public static IServiceCollection AddOrleansFlowBlockStores(this IServiceCollection services, Action<BlockStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<BlockStoreOptions>();
        if (configure is not null)
            options.Configure(configure);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BlockStoreOptions>, BlockStoreOptionsValidator>());
        services.TryAddSingleton<ITierPeerDirectory, NoTierPeers>();
        services.TryAddSingleton(sp => new DataPlaneEndpoint(Options(sp)));
        services.TryAddSingleton<DataPlaneClient>();
        services.TryAddSingleton(sp => new MemoryBlockStore(Options(sp), sp.GetRequiredService<DataPlaneEndpoint>(),
            sp.GetRequiredService<DataPlaneClient>(), sp.GetRequiredService<ITierPeerDirectory>()));
        services.TryAddSingleton(sp => new DiskBlockStore(Options(sp), sp.GetRequiredService<DataPlaneEndpoint>(), sp.GetRequiredService<DataPlaneClient>()));
        services.TryAddSingleton(sp => new RedisBlockStore(Options(sp)));
        services.TryAddSingleton(sp => new DataPlaneServer(sp.GetRequiredService<DataPlaneEndpoint>(),
            [sp.GetRequiredService<MemoryBlockStore>().Host, sp.GetRequiredService<DiskBlockStore>()]));
        services.TryAddSingleton<IBlockStoreProvider>(sp => new BlockStoreProvider(CreateStores(sp)));
        services.TryAddSingleton(sp => new BlockStoreLifetime(sp.GetRequiredService<DataPlaneServer>(), sp.GetRequiredService<IBlockStoreProvider>()));
        services.AddOptions<BlockStoreHostingOptions>();
        services.AddHostedService<BlockStoreHostedService>();
        return services;
    }

    private static BlockStoreOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<BlockStoreOptions>>().Value;

    private static IEnumerable<IBlockStore> CreateStores(IServiceProvider services)
    {
        yield return services.GetRequiredService<MemoryBlockStore>();
        yield return services.GetRequiredService<DiskBlockStore>();
        if (Options(services).RedisConfiguration is not null)
            yield return services.GetRequiredService<RedisBlockStore>();
    }
}
