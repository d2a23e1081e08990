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

    private SiloProcess(ChildProcess process, int siloPort, int gatewayPort, string address)
    {
        Process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        Address = address;
    }

    public ChildProcess Process { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }

    /// <summary>Where clients reach it: <see cref="SiloProcessOptions.Address"/>, loopback by default.</summary>
    public string Address { get; }

    /// <summary>The silo's client gateway, host:port.</summary>
    public string Gateway => $"{Address}:{GatewayPort}";

    /// <summary>
    /// Starts the silo at <paramref name="executable"/> (a <c>.dll</c> runs under <c>dotnet</c>) with
    /// <c>--silo-port</c>, <c>--gateway-port</c> and <paramref name="arguments"/>, and waits for the line it prints
    /// once it has joined the cluster.
    /// </summary>
    /// <param name="siloPort">The silo-to-silo port, when the caller must know it beforehand (a primary); a free one otherwise.</param>
    /// <param name="keptOutputLines">See <see cref="ChildProcessOptions.KeptLines"/>.</param>
    public static Task<SiloProcess> StartAsync(string executable, IEnumerable<string> arguments, int? siloPort = null, int? keptOutputLines = null) =>
        StartAsync(executable, arguments, new SiloProcessOptions { SiloPort = siloPort, KeptOutputLines = keptOutputLines });

    /// <summary>As the other overload, with environment variables, and the ports given the way <paramref name="options"/> says.</summary>
    public static async Task<SiloProcess> StartAsync(string executable, IEnumerable<string> arguments, SiloProcessOptions options)
    {
        if (!File.Exists(executable)) throw new FileNotFoundException($"the silo executable is not there: {executable}", executable);
        var port = options.SiloPort ?? FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        var environment = new Dictionary<string, string>(options.Environment ?? new Dictionary<string, string>());
        string[] ports = [];
        if (options.PortsInEnvironment)
        {
            environment["ORLEANSFLOW_SILO_PORT"] = port.ToString();
            environment["ORLEANSFLOW_GATEWAY_PORT"] = gatewayPort.ToString();
        }
        else
        {
            ports = ["--silo-port", port.ToString(), "--gateway-port", gatewayPort.ToString()];
        }
        string[] silo = [.. ports, .. arguments];
        var processOptions = new ChildProcessOptions { KeptLines = options.KeptOutputLines, Environment = environment };
        string[] command = executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ["dotnet", executable, .. silo] : [executable, .. silo];
        // ip netns exec runs the command in place (exec), so killing this process still kills the silo.
        var process = options.Namespace is { } ns
            ? ChildProcess.Start($"silo:{ns}:{port}", NetworkNamespaces.NetnsHosts.IpExecutable, ["netns", "exec", ns, .. command], processOptions)
            : ChildProcess.Start($"silo:{port}", command[0], command[1..], processOptions);
        try
        {
            await process.WaitForLineAsync(ReadyLine, ReadyTimeout).ConfigureAwait(false);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new SiloProcess(process, port, gatewayPort, options.Address ?? "127.0.0.1");
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}

/// <summary>How a <see cref="SiloProcess"/> is started, beyond its command line.</summary>
public sealed record SiloProcessOptions
{
    /// <summary>The silo-to-silo port, when the caller must know it beforehand (a primary); a free one otherwise.</summary>
    public int? SiloPort { get; init; }

    /// <summary>See <see cref="ChildProcessOptions.KeptLines"/>.</summary>
    public int? KeptOutputLines { get; init; }

    /// <summary>Environment variables set for the silo, on top of this process's own.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Give the silo and gateway ports as <c>ORLEANSFLOW_SILO_PORT</c> and <c>ORLEANSFLOW_GATEWAY_PORT</c>
    /// instead of flags: for a silo whose command line is to stay empty.</summary>
    public bool PortsInEnvironment { get; init; }

    /// <summary>The network namespace to run it in (a host of <see cref="NetworkNamespaces.NetnsHosts"/>).</summary>
    public string? Namespace { get; init; }

    /// <summary>The address its gateway is reached at; 127.0.0.1 when not set.</summary>
    public string? Address { get; init; }
}
