namespace OrleansFlow.Tests.Infrastructure;

/// <summary>An OrleansFlow silo in its own process (the real host executable), joined to a Redis-backed cluster.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private SiloProcess(ChildProcess process, int siloPort, int gatewayPort)
    {
        Process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public ChildProcess Process { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }

    /// <summary>Starts a silo and waits for the line it prints once it has joined the cluster.</summary>
    public static async Task<SiloProcess> StartAsync(string redisConfiguration, string clusterId, IEnumerable<string>? extraArguments = null)
    {
        var siloPort = FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        var dll = Path.Combine(AppContext.BaseDirectory, "OrleansFlow.Silo.dll");
        var process = ChildProcess.Start($"silo:{siloPort}", "dotnet",
        [
            dll, "--cluster", $"redis://{redisConfiguration}", "--cluster-id", clusterId,
            "--silo-port", siloPort.ToString(), "--gateway-port", gatewayPort.ToString(), .. extraArguments ?? [],
        ]);
        await process.WaitForLineAsync("OrleansFlow silo ready", TimeSpan.FromSeconds(90));
        return new SiloProcess(process, siloPort, gatewayPort);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
