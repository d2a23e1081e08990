namespace OrleansFlow.Tests.Infrastructure;

/// <summary>A real redis-server of the test's own, on a free port, without persistence; stopped on dispose.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private RedisServer(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run .ci/run, or apt-get install -y redis-server");
        var port = FreePorts.Next();
        var process = ChildProcess.Start("redis-server", executable,
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        await process.WaitForLineAsync("Ready to accept connections", TimeSpan.FromSeconds(30));
        return new RedisServer(process, port);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
