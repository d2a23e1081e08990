using OrleansFlow.Benchmarks.Cluster;
using OrleansFlow.Client;

namespace OrleansFlow.Sql.Benchmarks;

/// <summary>
/// The two deployments the fabric runners use, started on first use and shared by every data directory: an embedded
/// silo in this process (what `orleansflow sql` does with no cluster named) and two silo processes on this machine.
/// </summary>
internal sealed class FabricClusters : IAsyncDisposable
{
    private FlowClient? _embedded;
    private LocalSiloCluster? _processes;

    public FlowClient Embedded => _embedded ??= EmbeddedFlow.ConnectAsync().GetAwaiter().GetResult();

    public FlowClient TwoProcesses => (_processes ??= LocalSiloCluster.StartAsync(2, ["--slots", "2", "--memory", "2g"]).GetAwaiter().GetResult()).Client;

    /// <summary>CPU time used so far by the two silo processes (zero before they are started).</summary>
    public TimeSpan TwoProcessesCpuTime() => _processes?.CpuTime() ?? TimeSpan.Zero;

    /// <summary>Peak RSS of the two silo processes (MiB), empty when they were not started.</summary>
    public IReadOnlyList<long> SiloPeakRss => _processes?.PeakRssMebibytes() ?? [];

    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null) await _embedded.DisposeAsync();
        if (_processes is not null) await _processes.DisposeAsync();
    }
}
