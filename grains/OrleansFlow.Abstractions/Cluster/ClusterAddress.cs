using System.Net;

namespace OrleansFlow.Abstractions.Cluster;

/// <summary>
/// How a silo or a client finds the cluster, from one string (the <c>--cluster</c> option):
/// empty for none (a client then starts an embedded silo), <c>redis://host:port</c> for Redis membership,
/// or <c>host:port[,host:port...]</c> for fixed gateways (clients only).
/// </summary>
public sealed record ClusterAddress(ClusterAddressKind Kind, string? RedisConfiguration, IReadOnlyList<IPEndPoint> Gateways)
{
    public static ClusterAddress Embedded { get; } = new(ClusterAddressKind.Embedded, null, []);

    public static ClusterAddress Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Equals("embedded", StringComparison.OrdinalIgnoreCase))
            return Embedded;
        if (text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = text["redis://".Length..].TrimEnd('/');
            if (rest.Length == 0)
                throw new FormatException($"--cluster '{text}': expected redis://host:port");
            return new ClusterAddress(ClusterAddressKind.Redis, rest, []);
        }
        var gateways = new List<IPEndPoint>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(part[(colon + 1)..], out var port) || port is < 1 or > 65535)
                throw new FormatException($"--cluster '{text}': '{part}' is not host:port (or use redis://host:port)");
            var host = part[..colon];
            var address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
                : IPAddress.TryParse(host, out var ip) ? ip
                : Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new FormatException($"--cluster: cannot resolve host '{host}'");
            gateways.Add(new IPEndPoint(address, port));
        }
        return new ClusterAddress(ClusterAddressKind.Gateways, null, gateways);
    }

    public override string ToString() => Kind switch
    {
        ClusterAddressKind.Embedded => "embedded",
        ClusterAddressKind.Redis => $"redis://{RedisConfiguration}",
        _ => string.Join(',', Gateways.Select(g => g.ToString())),
    };
}

public enum ClusterAddressKind
{
    Embedded,
    Redis,
    Gateways,
}
