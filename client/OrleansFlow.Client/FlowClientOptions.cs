using Microsoft.Extensions.Logging;
using OrleansFlow.Grains.Hosting;

namespace OrleansFlow.Client;

/// <summary>How a <see cref="FlowClient"/> reaches the fabric.</summary>
public sealed class FlowClientOptions
{
    /// <summary>The cluster (see <see cref="ClusterAddress"/>); null or empty starts an embedded silo in this process.</summary>
    public string? Cluster { get; set; }

    /// <summary>The cluster id the silos were started with.</summary>
    public string ClusterId { get; set; } = "orleansflow";

    /// <summary>How long to keep trying to reach a cluster before giving up with a clear error.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Log level of the client (and of the embedded silo); Orleans' own chatter is held at Error.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>Embedded silo only: its settings (slots, work directory).</summary>
    public Action<OrleansFlowOptions>? ConfigureEmbeddedSilo { get; set; }

    /// <summary>Embedded silo only: its memory tier settings.</summary>
    public Action<Rdma.BlockStoreOptions>? ConfigureEmbeddedBlockStores { get; set; }
}
