using Orleans.TestingHost;
using OrleansFlow.Abstractions;
using OrleansFlow.Client;
using OrleansFlow.Fabric.Hosting;
using OrleansFlow.Fabric.Scheduling;

namespace OrleansFlow.Tests.Infrastructure;

/// <summary>Two silos in this process (Orleans' in-process test cluster) running the whole fabric, and a client.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int SlotsPerSilo = 2;

    private readonly TempFolder _work = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public FlowClient Client { get; private set; } = null!;

    public string WorkDirectory => _work.Path;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((options, silo) => silo.AddOrleansFlow(
            o =>
            {
                o.TaskSlotsPerSilo = SlotsPerSilo;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
                o.WorkDirectory = Path.Combine(_work.Path, options.SiloName);
                // Tests cut tiny inputs into many tasks (2-byte splits); every other limit is the default.
                o.Limits = PlanLimits.Default with { MinSplitBytes = 1 };
            },
            b =>
            {
                b.MemoryCapacityBytes = 64L << 20;
                b.DiskDirectory = Path.Combine(_work.Path, "disk");
                b.SpillDirectory = Path.Combine(_work.Path, options.SiloName, "spill");
            }).AddBuiltInJobKinds());
        builder.ConfigureClient(client => client.AddMemoryStreams(FlowNames.StreamProvider));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Client = FlowClient.FromClusterClient(Cluster.Client);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _work.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "in-process cluster";
}
