using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Fabric.Hosting;
using OrleansFlow.Jobs.MapReduce;
using OrleansFlow.Jobs.ML;
using OrleansFlow.Jobs.Sort;
using OrleansFlow.Jobs.Sql;
using OrleansFlow.Rdma;

namespace OrleansFlow.Client;

/// <summary>
/// The serverless default: with no cluster named, a silo starts inside this process (localhost clustering on free
/// ports, job state in memory) and the client talks to it; with one named, this is <see cref="FlowClient.ConnectAsync"/>.
/// </summary>
public static class EmbeddedFlow
{
    public static Task<FlowClient> ConnectAsync(
        FlowClientOptions? options = null, EmbeddedSiloOptions? silo = null, CancellationToken cancellationToken = default)
    {
        options ??= new FlowClientOptions();
        var cluster = ClusterAddress.Parse(options.Cluster);
        if (cluster.Kind != ClusterAddressKind.Embedded)
            return FlowClient.ConnectAsync(options, cancellationToken);
        var builder = FlowClient.CreateHostBuilder(options);
        var siloPort = FreeTcpPort();
        var gatewayPort = FreeTcpPort();
        builder.UseOrleans(s =>
        {
            s.UseLocalhostClustering(siloPort, gatewayPort, null, options.ClusterId, options.ClusterId);
            s.AddOrleansFlow(silo?.ConfigureSilo, silo?.ConfigureBlockStores).AddBuiltInJobKinds();
        });
        return FlowClient.StartAsync(builder, cluster, cancellationToken);
    }

    /// <summary>Every job kind OrleansFlow ships: MapReduce, sort, SQL and ML (the silo host adds the same).</summary>
    public static ISiloBuilder AddBuiltInJobKinds(this ISiloBuilder silo) =>
        silo.AddMapReduceJobs().AddSortJobs().AddSqlJobs().AddMlJobs();

    private static int FreeTcpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}

/// <summary>Settings of the embedded silo.</summary>
public sealed class EmbeddedSiloOptions
{
    /// <summary>Its fabric settings (slots, work directory).</summary>
    public Action<OrleansFlowOptions>? ConfigureSilo { get; set; }

    /// <summary>Its memory tier settings.</summary>
    public Action<BlockStoreOptions>? ConfigureBlockStores { get; set; }
}
