using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.DataPlane;
using OrleansFlow.Rdma.Memory;

namespace OrleansFlow.Rdma.Tests;

public sealed class HostingTests(RedisServer redis) : IDisposable, IClassFixture<RedisServer>
{
    private readonly TestDirectories _dirs = new();

    [Fact]
    public async Task With_a_redis_configuration_the_redis_store_is_provided_and_works()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOrleansFlowBlockStores(o =>
        {
            o.SpillDirectory = Path.Combine(_dirs.Root, "spill");
            o.DiskDirectory = Path.Combine(_dirs.Root, "disk");
            o.MemoryCapacityBytes = 16 << 20;
            o.RedisConfiguration = redis.Configuration;
        });
        using var host = builder.Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredService<IBlockStoreProvider>();

        Assert.Equal([ShuffleStoreKind.Memory, ShuffleStoreKind.Redis, ShuffleStoreKind.Disk], provider.All.Select(s => s.Kind).Order());
        var store = provider.Get(ShuffleStoreKind.Redis);
        var block = await store.AllocateAsync("job-host", 3, 5);
        await store.WriteAsync(block, 0, "hello"u8.ToArray());
        var back = new byte[5];
        await store.ReadAsync(block, 0, back);
        Assert.Equal("hello"u8.ToArray(), back);
        Assert.Equal(1, await store.FreeJobAsync("job-host"));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddOrleansFlowBlockStores_provides_the_memory_and_disk_stores_and_a_bound_endpoint()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOrleansFlowBlockStores(o =>
        {
            o.SpillDirectory = Path.Combine(_dirs.Root, "spill");
            o.DiskDirectory = Path.Combine(_dirs.Root, "disk");
            o.MemoryCapacityBytes = 16 << 20;
        });
        string? regionPath;
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var provider = host.Services.GetRequiredService<IBlockStoreProvider>();
            var endpoint = host.Services.GetRequiredService<DataPlaneEndpoint>();

            Assert.Equal([ShuffleStoreKind.Memory, ShuffleStoreKind.Disk], provider.All.Select(s => s.Kind).Order());
            Assert.InRange(endpoint.Port, 1, 65535);
            Assert.Equal($"127.0.0.1:{endpoint.Port}", endpoint.Endpoint);
            var error = Assert.Throws<InvalidOperationException>(() => provider.Get(ShuffleStoreKind.Redis));
            Assert.Contains("RedisConfiguration", error.Message);

            var memory = provider.Get(ShuffleStoreKind.Memory);
            var block = await memory.AllocateAsync("job", 42, 1000);
            Assert.Equal(endpoint.Endpoint, block.Owner);
            Assert.Equal(new StoreUsage(ShuffleStoreKind.Memory, 16 << 20, 4096, 0, 1), memory.GetUsage());
            regionPath = ((MemoryBlockStore)memory).SharedRegionPath;
            Assert.True(File.Exists(regionPath));
            await host.StopAsync();
        }
        Assert.False(File.Exists(regionPath), "the shared region file must be removed on shutdown");
    }

    [Fact]
    public void Bad_options_fail_at_start_naming_the_setting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOrleansFlowBlockStores(o => o.BlockAlignment = 1000);
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<BlockStoreOptions>>().Value);
        Assert.Contains("BlockAlignment", error.Message);
    }

    public void Dispose() => _dirs.Dispose();
}
