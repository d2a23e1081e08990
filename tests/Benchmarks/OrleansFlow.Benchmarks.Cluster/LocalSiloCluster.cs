using OrleansFlow.Client;
using OrleansFlow.Testing;

namespace OrleansFlow.Benchmarks.Cluster;

/// <summary>
/// Silo processes on this machine, clustered by localhost clustering (the first silo is the primary), and a client
/// that has seen all of them join (<see cref="ProcessCluster"/> with <see cref="SiloMembership.Localhost"/>). Each
/// process is a fresh <c>OrleansFlow.Silo</c>, so its peak RSS belongs to the benchmark that started it. Disposing
/// kills them.
/// </summary>
public sealed class LocalSiloCluster : IAsyncDisposable
{
    private readonly ProcessCluster<FlowClient> _cluster;

    private LocalSiloCluster(ProcessCluster<FlowClient> cluster) => _cluster = cluster;

    public FlowClient Client => _cluster.Client;

    public IReadOnlyList<int> SiloProcessIds => _cluster.Silos.Select(s => s.Process.Id).ToList();

    /// <summary>Starts <paramref name="silos"/> silo processes with <paramref name="siloArguments"/> (e.g. <c>--slots 2
    /// --memory 2g</c>) and waits until the client sees every one of them active.</summary>
    public static async Task<LocalSiloCluster> StartAsync(int silos, IReadOnlyList<string> siloArguments, TimeSpan? timeout = null,
        SiloMembership membership = SiloMembership.Localhost) =>
        new(await ProcessCluster.StartAsync(
            new ProcessClusterOptions
            {
                // Copied beside the benchmark by the project reference to the silo.
                SiloExecutable = Path.Combine(AppContext.BaseDirectory, "OrleansFlow.Silo.dll"),
                Silos = silos,
                SiloArguments = siloArguments,
                Membership = membership,
                JoinTimeout = timeout ?? TimeSpan.FromSeconds(60),
                KeptOutputLines = 200, // the silos log for the whole run; the start is what a failure message needs
            },
            endpoint => FlowClient.ConnectAsync(new FlowClientOptions { Cluster = endpoint.Cluster, ClusterId = endpoint.ClusterId }),
            async client => (await client.GetClusterAsync()).Count));

    /// <summary>Starts one more silo like the others; returns once the client sees it active.</summary>
    public Task AddSiloAsync() => _cluster.AddSiloAsync();

    /// <summary>CPU time (user + system) the silo processes have used so far.</summary>
    public TimeSpan CpuTime() => _cluster.Silos.Aggregate(TimeSpan.Zero, (total, silo) => total + silo.Process.CpuTime);

    /// <summary>Peak resident set of each silo process so far (VmHWM), in MiB.</summary>
    public IReadOnlyList<long> PeakRssMebibytes() => _cluster.Silos.Select(s => ProcessMemory.PeakRssMebibytes(s.Process.Id)).ToList();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
