using System.Net;
using System.Net.Sockets;

namespace OrleansFlow.Rdma.DataPlane;

/// <summary>
/// The TCP socket of this process's data plane, bound as soon as it is created so that the endpoint is known
/// before the first block is allocated (it goes into every descriptor's Owner) even when the port is picked
/// by the system. <see cref="DataPlaneServer"/> accepts on it.
/// </summary>
public sealed class DataPlaneEndpoint : IDisposable
{
    public DataPlaneEndpoint(BlockStoreOptions options)
    {
        BlockStoreOptionsValidator.ThrowIfInvalid(options);
        var address = options.DataListen is { } listen ? IPAddress.Parse(listen) : ResolveBindAddress(options.DataHost);
        var listening = options.DataListen ?? options.DataHost;
        Listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            Listener.Bind(new IPEndPoint(address, options.DataPort));
            Listener.Listen(512);
        }
        catch (SocketException e)
        {
            Listener.Dispose();
            throw new InvalidOperationException(
                $"The memory tier's data plane cannot listen on {listening}:{options.DataPort}: {e.Message}", e);
        }
        Port = ((IPEndPoint)Listener.LocalEndPoint!).Port;
        Host = options.DataHost;
        Endpoint = $"{Host}:{Port}";
    }

    /// <summary>The host peers use to reach this process.</summary>
    public string Host { get; }

    /// <summary>The bound TCP port (the configured one, or the one the system picked for port 0).</summary>
    public int Port { get; }

    /// <summary>"host:port", as written into <c>BlockDescriptor.Owner</c>.</summary>
    public string Endpoint { get; }

    internal Socket Listener { get; }

    public void Dispose() => Listener.Dispose();

    private static IPAddress ResolveBindAddress(string host)
    {
        if (IPAddress.TryParse(host, out var literal))
            return literal;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return IPAddress.Loopback;
        // A host name: listen on every interface, peers reach us through the name.
        return IPAddress.Any;
    }
}
