using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OrleansFlow.Client;

namespace OrleansFlow.Benchmarks.Cluster;

/// <summary>
/// Silo processes on this machine, clustered by localhost clustering (the first silo is the primary), and a client
/// that has seen all of them join. Each process is a fresh <c>OrleansFlow.Silo</c>, so its peak RSS belongs to the
/// benchmark that started it. Disposing kills them.
/// </summary>
public sealed class LocalSiloCluster : IAsyncDisposable
{
    private readonly List<Process> _silos;

    private LocalSiloCluster(List<Process> silos, FlowClient client)
    {
        _silos = silos;
        Client = client;
    }

    public FlowClient Client { get; }

    public IReadOnlyList<int> SiloProcessIds => _silos.Select(p => p.Id).ToList();

    /// <summary>Starts <paramref name="silos"/> silo processes with <paramref name="siloArguments"/> (e.g. <c>--slots 2
    /// --memory 2g</c>) and waits until the client sees every one of them active.</summary>
    public static async Task<LocalSiloCluster> StartAsync(int silos, IReadOnlyList<string> siloArguments, TimeSpan? timeout = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OrleansFlow.Silo.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"the silo executable is not beside the benchmark: {dll}");
        var primaryPort = FreePort();
        var gateways = Enumerable.Range(0, silos).Select(_ => FreePort()).ToList();
        var started = new List<Process>();
        try
        {
            for (var i = 0; i < silos; i++)
            {
                string[] placement = i == 0
                    ? ["--silo-port", primaryPort.ToString()]
                    : ["--silo-port", FreePort().ToString(), "--primary", $"127.0.0.1:{primaryPort}"];
                started.Add(await StartSiloAsync(dll, [.. placement, "--gateway-port", gateways[i].ToString(), .. siloArguments]));
            }
            var client = await FlowClient.ConnectAsync(new FlowClientOptions { Cluster = string.Join(',', gateways.Select(g => $"127.0.0.1:{g}")) });
            var deadline = Stopwatch.StartNew();
            while ((await client.GetClusterAsync()).Count < silos)
            {
                if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(60)))
                    throw new TimeoutException($"{silos} silos did not all join within {deadline.Elapsed.TotalSeconds:0} s");
                await Task.Delay(100); // polling the membership view; nothing to subscribe to from a client
            }
            return new LocalSiloCluster(started, client);
        }
        catch
        {
            await KillAsync(started);
            throw;
        }
    }

    /// <summary>Peak resident set of each silo process so far (VmHWM), in MiB.</summary>
    /// <summary>CPU time (user + system) the silo processes have used so far.</summary>
    public TimeSpan CpuTime()
    {
        var total = TimeSpan.Zero;
        foreach (var silo in _silos)
        {
            silo.Refresh();
            total += silo.TotalProcessorTime;
        }
        return total;
    }

    public IReadOnlyList<long> PeakRssMebibytes() => _silos.Select(p => ProcessMemory.PeakRssMebibytes(p.Id)).ToList();

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await KillAsync(_silos);
    }

    private static async Task<Process> StartSiloAsync(string dll, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var log = new List<string>();
        // Both pipes are drained for the silo's whole life: a full pipe would stall its logging, and so the silo.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) { if (log.Count < 200) log.Add(e.Data); }
            if (e.Data.Contains("OrleansFlow silo ready", StringComparison.Ordinal)) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) { if (log.Count < 200) log.Add(e.Data); } };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"a silo exited before it was ready:\n{string.Join('\n', log)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
        return process;
    }

    private static async Task KillAsync(IEnumerable<Process> processes)
    {
        foreach (var process in processes)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
