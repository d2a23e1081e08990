using Microsoft.Extensions.Logging;
using OrleansFlow.Abstractions.Cluster;

namespace OrleansFlow.Client;

/// <summary>How a <see cref="FlowClient"/> reaches the fabric.</summary>
public sealed class FlowClientOptions
{
    /// <summary>The cluster (see <see cref="ClusterAddress"/>); null or empty means none (EmbeddedFlow then starts a silo in this process).</summary>
    public string? Cluster { get; set; }

    /// <summary>The cluster id the silos were started with.</summary>
    public string ClusterId { get; set; } = "orleansflow";

    /// <summary>How long to keep trying to reach a cluster before giving up with a clear error.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Log level of the client (and of an embedded silo); Orleans' own chatter is held at Error.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;
}
