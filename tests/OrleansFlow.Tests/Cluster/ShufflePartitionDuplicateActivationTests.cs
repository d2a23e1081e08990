using Orleans.TestingHost;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Fabric.Hosting;

namespace OrleansFlow.Tests.Cluster;

/// <summary>
/// Orleans' default grain directory may run two activations of one grain for a while when a silo dies (it is
/// eventually consistent). Two clusters of one silo each, on one Redis store and one service id, make two real
/// activations of a shuffle partition: what either registers must reach a reader of the other, and neither write
/// may fail on the other's.
/// </summary>
public sealed class ShufflePartitionDuplicateActivationTests : IAsyncLifetime
{
    private readonly TempFolder _work = new();
    private RedisServer _redis = null!;
    private InProcessTestCluster _first = null!;
    private InProcessTestCluster _second = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var serviceId = $"dup-{Guid.NewGuid():N}";
        _first = await StartAsync(serviceId, "first");
        _second = await StartAsync(serviceId, "second");
    }

    public async Task DisposeAsync()
    {
        foreach (var cluster in new[] { _second, _first })
        {
            if (cluster is null) continue;
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
        await _redis.DisposeAsync();
        _work.Dispose();
    }

    [Fact]
    public async Task Registrations_made_through_either_activation_reach_a_reader_of_the_other()
    {
        var key = IShufflePartitionGrain.KeyOf("dup-job", "shuffle-0", 0);
        var one = _first.Client.GetGrain<IShufflePartitionGrain>(key);
        var two = _second.Client.GetGrain<IShufflePartitionGrain>(key);
        Assert.Empty((await two.GetBlocks(0)).Producers); // activated before the first one writes: its copy is stale

        await one.AddBlocks(0, 1, [Block("a")]);
        await two.AddBlocks(1, 2, [Block("b"), Block("c")]); // stored over a version it has not seen
        await one.AddBlocks(2, 3, []);

        var seenByOne = await one.GetBlocks(3);
        var seenByTwo = await two.GetBlocks(3);
        foreach (var seen in new[] { seenByOne, seenByTwo })
        {
            Assert.Equal([0, 1, 2], seen.Producers);
            Assert.Equal(["a", "b", "c"], seen.Blocks.Select(b => b.BlockId));
            Assert.Equal([0, 1, 1], seen.BlockProducers);
        }
    }

    private async Task<InProcessTestCluster> StartAsync(string serviceId, string name)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = $"{serviceId}-{name}";
        builder.ConfigureSilo((options, silo) => silo.AddOrleansFlow(
            o =>
            {
                o.WorkDirectory = Path.Combine(_work.Path, name);
                o.StateStore = JobStateStore.Redis;
                o.RedisConfiguration = _redis.Configuration;
            },
            b =>
            {
                b.MemoryCapacityBytes = 16L << 20;
                b.DiskDirectory = Path.Combine(_work.Path, name, "disk");
                b.SpillDirectory = Path.Combine(_work.Path, name, "spill");
            }));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static BlockDescriptor Block(string id) =>
        new(ShuffleStoreKind.Memory, id, "dup-job", "127.0.0.1:1", "region", 0, 8, 42);
}
