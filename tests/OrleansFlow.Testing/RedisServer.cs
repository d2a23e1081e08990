using System.Net.Sockets;
using System.Text;

namespace OrleansFlow.Testing;

/// <summary>
/// A real redis-server of the test's own, on a free loopback port, without persistence
/// (<c>redis-server --port P --bind 127.0.0.1 --save "" --appendonly no</c>); started when constructed (so it can be
/// an xunit class fixture) or by <see cref="StartAsync"/>, ready once it answers PING, killed on dispose.
/// </summary>
public sealed class RedisServer : IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly ChildProcess _process;

    /// <summary>Starts a server and waits until it answers. Throws a clear error when redis-server is not installed.</summary>
    public RedisServer() : this(null, "127.0.0.1")
    {
    }

    /// <summary>A server in network namespace <paramref name="networkNamespace"/> (null: this one), bound to
    /// <paramref name="address"/>, which this process must be able to reach.</summary>
    private RedisServer(string? networkNamespace, string address)
    {
        Address = address;
        var executable = FindExecutable()
            ?? throw new InvalidOperationException(
                "redis-server is not installed (not on PATH, nor in /usr/bin or /usr/local/bin): run .ci/run, or apt-get install -y redis-server. " +
                "The tests that need Redis start a server of their own.");
        Port = FreePorts.Next();
        string[] server = [executable, "--port", Port.ToString(), "--bind", address, "--save", "", "--appendonly", "no",
            // Bound to a non-loopback address without a password, Redis answers every client -DENIED unless told
            // otherwise; the test networks are private to this machine.
            .. networkNamespace is null ? Array.Empty<string>() : ["--protected-mode", "no"]];
        _process = networkNamespace is null
            ? ChildProcess.Start($"redis-server:{Port}", executable, server[1..])
            : ChildProcess.Start($"redis-server:{networkNamespace}:{Port}", NetworkNamespaces.NetnsHosts.IpExecutable, ["netns", "exec", networkNamespace, .. server]);
        try
        {
            WaitUntilAnswering();
        }
        catch
        {
            _process.Dispose();
            throw;
        }
    }

    public int Port { get; }

    /// <summary>The address it is bound to.</summary>
    public string Address { get; }

    /// <summary>host:port, as StackExchange.Redis and the fabric's <c>redis://</c> addresses take it.</summary>
    public string Configuration => $"{Address}:{Port}";

    public static Task<RedisServer> StartAsync() => Task.Run(() => new RedisServer());

    /// <summary>As <see cref="RedisServer(string?, string)"/>, off the calling thread.</summary>
    public static Task<RedisServer> StartAsync(string? networkNamespace, string address) => Task.Run(() => new RedisServer(networkNamespace, address));

    /// <summary>The redis-server executable on this machine, or null.</summary>
    public static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/local/bin")
            .Select(folder => Path.Combine(folder, "redis-server"))
            .FirstOrDefault(File.Exists);

    public void Dispose() => _process.Dispose();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private void WaitUntilAnswering()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!AnswersPing())
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"redis-server on port {Port} exited before it answered:\n{_process.Output}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {StartTimeout}:\n{_process.Output}");
            Thread.Sleep(20);
        }
    }

    private bool AnswersPing()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(Address, Port);
            client.ReceiveTimeout = 2000;
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var reply = new byte[64];
            var read = stream.Read(reply);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }
}
