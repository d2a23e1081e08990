using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OrleansFlow.Rdma.Tests;

/// <summary>A private redis-server on a free port for the test run, killed afterwards. Fails loudly when redis-server
/// is not installed: the Redis store is part of what is tested, not optional.</summary>
public sealed class RedisServerFixture : IDisposable
{
    private readonly Process _server;

    public RedisServerFixture()
    {
        Port = FreePort();
        var start = new ProcessStartInfo("redis-server", ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        try
        {
            _server = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed (apt-get install -y redis-server); the Redis store tests need a real server.", e);
        }
        // Wait for the server's own readiness line rather than guessing a delay.
        string? line;
        while ((line = _server.StandardOutput.ReadLine()) is not null && !line.Contains("Ready to accept connections", StringComparison.Ordinal))
        {
        }
        if (line is null)
            throw new InvalidOperationException($"redis-server on port {Port} exited before it was ready (exit code {(_server.HasExited ? _server.ExitCode : -1)}).");
        _server.StandardOutput.Close();
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public void Dispose()
    {
        _server.Kill();
        _server.WaitForExit();
        _server.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
