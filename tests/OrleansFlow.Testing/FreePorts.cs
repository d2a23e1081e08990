using System.Net;
using System.Net.Sockets;

namespace OrleansFlow.Testing;

public static class FreePorts
{
    // Below Linux's ephemeral range (32768–60999): a port the system hands out for "port 0" can be taken again by an
    // outgoing connection (Redis clients, data-plane and silo connections) before the silo we started binds it — CI
    // saw "Address already in use". Ports here are only ever taken by someone binding them on purpose.
    private const int First = 20_000;
    private const int Last = 32_000;
    private static int _next = First + Random.Shared.Next(Last - First);

    /// <summary>A TCP port nobody listens on now, not handed out before by this process.</summary>
    public static int Next()
    {
        for (var tries = 0; tries < Last - First; tries++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % (Last - First));
            if (CanBind(port)) return port;
        }
        throw new InvalidOperationException($"no free TCP port between {First} and {Last}");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
