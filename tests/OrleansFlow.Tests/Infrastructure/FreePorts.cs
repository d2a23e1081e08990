using System.Net;
using System.Net.Sockets;

namespace OrleansFlow.Tests.Infrastructure;

public static class FreePorts
{
    /// <summary>A TCP port nobody listens on now (the system picks it).</summary>
    public static int Next()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
