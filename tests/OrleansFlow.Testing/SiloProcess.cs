namespace OrleansFlow.Testing;

/// <summary>
/// An OrleansFlow silo in its own process (the real host executable, whose path the caller gives), on free silo and
/// gateway ports. How it finds its cluster (<c>--cluster</c>, <c>--primary</c>, …) is in the arguments.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>What the silo prints once it has joined its cluster.</summary>
    public const string ReadyLine = "OrleansFlow silo ready";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private SiloProcess(ChildProcess process, int siloPort, int gatewayPort)
    {
        Process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public ChildProcess Process { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }

    /// <summary>The silo's client gateway, host:port.</summary>
    public string Gateway => $"127.0.0.1:{GatewayPort}";

    /// <summary>
    /// Starts the silo at <paramref name="executable"/> (a <c>.dll</c> runs under <c>dotnet</c>) with
    /// <c>--silo-port</c>, <c>--gateway-port</c> and <paramref name="arguments"/>, and waits for the line it prints
    /// once it has joined the cluster.
    /// </summary>
    /// <param name="siloPort">The silo-to-silo port, when the caller must know it beforehand (a primary); a free one otherwise.</param>
    /// <param name="keptOutputLines">See <see cref="ChildProcessOptions.KeptLines"/>.</param>
    public static async Task<SiloProcess> StartAsync(string executable, IEnumerable<string> arguments, int? siloPort = null, int? keptOutputLines = null)
    {
        if (!File.Exists(executable)) throw new FileNotFoundException($"the silo executable is not there: {executable}", executable);
        var port = siloPort ?? FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        string[] silo = ["--silo-port", port.ToString(), "--gateway-port", gatewayPort.ToString(), .. arguments];
        var process = executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? ChildProcess.Start($"silo:{port}", "dotnet", [executable, .. silo], new ChildProcessOptions { KeptLines = keptOutputLines })
            : ChildProcess.Start($"silo:{port}", executable, silo, new ChildProcessOptions { KeptLines = keptOutputLines });
        try
        {
            await process.WaitForLineAsync(ReadyLine, ReadyTimeout).ConfigureAwait(false);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new SiloProcess(process, port, gatewayPort);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
