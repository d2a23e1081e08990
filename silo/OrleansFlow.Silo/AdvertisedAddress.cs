using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using OrleansFlow.Abstractions.Cluster;
using StackExchange.Redis;

namespace OrleansFlow.Silo;

/// <summary>
/// The address a silo gives other silos and clients (Orleans' silo and gateway endpoints, the data plane's owner
/// address) when <c>--advertise-address</c> does not name one.
/// </summary>
internal static class AdvertisedAddress
{
    /// <summary>
    /// Embedded (localhost) clustering: loopback, the only address its members share. Redis: the local address of the
    /// interface that routes to the Redis server, because that is the network the cluster's members and clients share
    /// (a Redis on 127.0.0.1 means a cluster on this host, so loopback); when the Redis host cannot be resolved,
    /// the first non-loopback IPv4 address of an interface that is up, or loopback when there is none.
    /// </summary>
    public static IPAddress Default(ClusterAddress cluster)
    {
        if (cluster.Kind != ClusterAddressKind.Redis || cluster.RedisConfiguration is null)
            return IPAddress.Loopback;
        return RouteTo(cluster.RedisConfiguration) ?? FirstUpIPv4() ?? IPAddress.Loopback;
    }

    /// <summary>The local address the system would send from to reach the Redis server; no packet is sent (a UDP
    /// socket's connect only picks the route).</summary>
    private static IPAddress? RouteTo(string redisConfiguration)
    {
        try
        {
            var target = ConfigurationOptions.Parse(redisConfiguration).EndPoints.FirstOrDefault() switch
            {
                IPEndPoint ip => ip.Address,
                DnsEndPoint dns => Dns.GetHostAddresses(dns.Host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork),
                _ => null,
            };
            if (target is null)
                return null;
            if (IPAddress.IsLoopback(target))
                return IPAddress.Loopback;
            using var probe = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(target, 9);
            return (probe.LocalEndPoint as IPEndPoint)?.Address;
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            return null;
        }
    }

    private static IPAddress? FirstUpIPv4() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
