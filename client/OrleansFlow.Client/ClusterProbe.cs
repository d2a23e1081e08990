using System.Net;
using System.Net.Sockets;
using OrleansFlow.Abstractions.Cluster;
using StackExchange.Redis;

namespace OrleansFlow.Client;

/// <summary>
/// Checks, before the Orleans client starts, that the cluster's first address answers at all: a TCP connection to
/// Redis (for <c>redis://</c>) or to one of the gateways. A closed port is refused at once, so the caller hears of it
/// at once and in words naming what was not there, instead of after the client's retries (StackExchange.Redis alone
/// takes three 5-second connect attempts, then Orleans tries again) have used up the connect timeout.
/// </summary>
internal static class ClusterProbe
{
    /// <summary>Longest wait for one endpoint that neither accepts nor refuses (a host that drops packets).</summary>
    public static TimeSpan MaxWait { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws <see cref="FlowConnectionException"/> naming the unreachable endpoints when none of them accepts a connection.</summary>
    public static async Task EnsureReachableAsync(ClusterAddress cluster, TimeSpan timeout, CancellationToken cancellationToken)
    {
        List<EndPoint> endpoints = cluster.Kind switch
        {
            ClusterAddressKind.Redis => [.. ConfigurationOptions.Parse(cluster.RedisConfiguration!).EndPoints],
            ClusterAddressKind.Gateways => [.. cluster.Gateways],
            _ => [],
        };
        if (endpoints.Count == 0)
            return;
        var wait = timeout < MaxWait ? timeout : MaxWait;
        var failures = await Task.WhenAll(endpoints.Select(e => TryConnectAsync(e, wait, cancellationToken)));
        if (failures.Any(f => f is null))
            return;
        var reasons = string.Join("; ", endpoints.Zip(failures, (e, f) => $"{Format(e)}: {f}"));
        throw new FlowConnectionException(cluster.Kind == ClusterAddressKind.Redis
            ? $"could not connect to the cluster at {cluster}: Redis is not reachable ({reasons})"
            : $"could not connect to the cluster at {cluster}: no gateway is reachable ({reasons})");
    }

    /// <summary>Null when the endpoint accepted a connection, else why not, in a few words.</summary>
    private static async Task<string?> TryConnectAsync(EndPoint endpoint, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(wait);
        try
        {
            await socket.ConnectAsync(endpoint, timer.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {wait.TotalSeconds:0.#} s";
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData => "unknown host",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
                _ => e.Message,
            };
        }
    }

    private static string Format(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint d => $"{d.Host}:{d.Port}",
        _ => endpoint.ToString() ?? "?",
    };
}
