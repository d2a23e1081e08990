using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OrleansFlow.Benchmarks.Tier;

/// <summary>A redis-server on a free loopback port for the benchmark's "redis" target, killed on dispose.</summary>
internal sealed class PrivateRedis : IDisposable
{
    private readonly Process _server;

    private PrivateRedis(Process server, int port)
    {
        _server = server;
        Configuration = $"127.0.0.1:{port}";
    }

    public string Configuration { get; }

    /// <summary>Starts one, or returns null (with the reason on stderr) when redis-server cannot run here.</summary>
    public static PrivateRedis? TryStart()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
        Process server;
        try
        {
            server = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"redis target skipped: redis-server cannot be started ({e.Message}); pass --redis host:port to use a running server.");
            return null;
        }
        string? line;
        while ((line = server.StandardOutput.ReadLine()) is not null && !line.Contains("Ready to accept connections", StringComparison.Ordinal))
        {
        }
        if (line is null)
        {
            Console.Error.WriteLine($"redis target skipped: redis-server on port {port} exited before it was ready.");
            server.Dispose();
            return null;
        }
        server.StandardOutput.Close();
        return new PrivateRedis(server, port);
    }

    public void Dispose()
    {
        _server.Kill();
        _server.WaitForExit();
        _server.Dispose();
    }
}
