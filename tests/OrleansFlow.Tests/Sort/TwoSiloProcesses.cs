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
    private ProcessCluster<FlowClient>? _cluster;

    public FlowClient Client => _cluster!.Client;
    public string Input => Path.Combine(_folder.Path, "input");
    public RecordChecksum InputChecksum { get; private set; }
    public string Folder => _folder.Path;

    public async Task InitializeAsync()
    {
        InputChecksum = (await GensortWriter.GenerateAsync(Records, Input, partitions: 3, ascii: false, seed: 7)).Checksum;
        // A small DRAM tier: the memory shuffle of 100 MB spills part of it, as a big sort would. A work folder per silo.
        _cluster = await FabricCluster.StartAsync(new ProcessClusterOptions
        {
            SiloExecutable = FabricCluster.SiloExecutable,
            Silos = 2,
            SiloArguments = ["--slots", "2", "--memory", "64m"],
            SiloArgumentsFor = i => ["--work-dir", Path.Combine(_folder.Path, $"work-{i}")],
        });
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        _folder.Dispose();
    }
}
