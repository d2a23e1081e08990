using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OrleansFlow.Benchmarks.ML;

/// <summary>
/// A Redis server and N silo processes (the real host executable) on this machine, joined through Redis, for the
/// multi-process runs; everything is stopped on dispose.
/// </summary>
internal sealed class FabricCluster : IAsyncDisposable
{
    private readonly List<Process> _processes = [];

    public string Address { get; private set; } = "";
    public string ClusterId { get; } = $"bench-{Guid.NewGuid():N}";

    public static async Task<FabricCluster> StartAsync(int silos, int slotsPerSilo, string memory, string workDirectory)
    {
        var cluster = new FabricCluster();
        try
        {
            var redisPort = FreePort();
            await cluster.StartAsync("/usr/bin/redis-server",
                ["--port", redisPort.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], "Ready to accept connections");
            cluster.Address = $"redis://127.0.0.1:{redisPort}";
            var silo = Path.Combine(AppContext.BaseDirectory, "OrleansFlow.Silo.dll");
            await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => cluster.StartAsync("dotnet",
            [
                silo, "--cluster", cluster.Address, "--cluster-id", cluster.ClusterId, "--silo-port", FreePort().ToString(),
                "--gateway-port", FreePort().ToString(), "--slots", slotsPerSilo.ToString(), "--memory", memory, "--work-dir", workDirectory,
            ], "OrleansFlow silo ready")));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(string fileName, string[] arguments, string readyLine)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        lock (_processes) _processes.Add(process);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains(readyLine, StringComparison.Ordinal) == true) ready.TrySetResult(); };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(120));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
