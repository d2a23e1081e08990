using OrleansFlow.Client;
using OrleansFlow.Engine.Sort;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Sort;

/// <summary>
/// Shared by the multi-process sort tests: a redis-server, two silo processes clustered through it, a client, and
/// 1M gensort records (100 MB) with their checksum. Started once: each silo start costs seconds.
/// </summary>
public sealed class TwoSiloProcesses : IAsyncLifetime
{
    public const int Records = 1_000_000;

    private readonly TempFolder _folder = new();
    private RedisServer? _redis;
    private SiloProcess[] _silos = [];

    public FlowClient Client { get; private set; } = null!;
    public string Input => Path.Combine(_folder.Path, "input");
    public RecordChecksum InputChecksum { get; private set; }
    public string Folder => _folder.Path;

    public async Task InitializeAsync()
    {
        InputChecksum = (await GensortWriter.GenerateAsync(Records, Input, partitions: 3, ascii: false, seed: 7)).Checksum;
        _redis = await RedisServer.StartAsync();
        var clusterId = $"sort-{Guid.NewGuid():N}";
        // A small DRAM tier: the memory shuffle of 100 MB spills part of it, as a big sort would.
        _silos = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => SiloProcess.StartAsync(_redis.Configuration, clusterId,
            ["--slots", "2", "--memory", "64m", "--work-dir", Path.Combine(_folder.Path, $"work-{i}")])));
        Client = await FlowClient.ConnectAsync(new FlowClientOptions { Cluster = $"redis://{_redis.Configuration}", ClusterId = clusterId });
        await Eventually.TrueAsync(async () => (await Client.GetClusterAsync()).Count == 2, TimeSpan.FromSeconds(60), "two silos active");
    }

    public async Task DisposeAsync()
    {
        if (Client is not null) await Client.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        _folder.Dispose();
    }
}
