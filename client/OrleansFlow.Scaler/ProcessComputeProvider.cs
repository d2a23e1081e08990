using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Client;

namespace OrleansFlow.Scaler;

/// <summary>
/// Compute silos as processes on this host: each start runs the silo with <c>--role compute</c> and ports of its own;
/// a stop drains the silo through the cluster, and the silo process exits by itself once drained. Silos still running
/// when the provider is disposed are drained too (killed if they do not exit), so stopping the scaler leaves none behind.
/// </summary>
public sealed class ProcessComputeProvider(FlowClient client, ProcessComputeOptions options, ILogger<ProcessComputeProvider> logger) : IComputeProvider
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(60);
    private readonly Lock _lock = new();
    private readonly List<StartedSilo> _silos = [];

    public int Starting
    {
        get
        {
            lock (_lock)
                return _silos.Count(s => !s.Joined && !s.Process.HasExited);
        }
    }

    /// <summary>Processes started and still running.</summary>
    public int Running
    {
        get
        {
            lock (_lock)
                return _silos.Count(s => !s.Process.HasExited);
        }
    }

    public void Observe(IReadOnlyList<SiloStats> active)
    {
        lock (_lock)
        {
            foreach (var silo in _silos.Where(s => !s.Joined))
            {
                if (active.Any(a => a.Silo.StartsWith($"{IPAddress.Loopback}:{silo.SiloPort}@", StringComparison.Ordinal)))
                    silo.Joined = true;
                else if (silo.Process.HasExited && !silo.Reported)
                {
                    silo.Reported = true;
                    logger.LogError("Compute silo (silo port {Port}) exited with code {Code} before it joined", silo.SiloPort, silo.Process.ExitCode);
                }
            }
            _silos.RemoveAll(s => s.Process.HasExited && (s.Joined || s.Reported));
        }
    }

    public Task StartAsync(int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            var (siloPort, gatewayPort) = (FreePort(), FreePort());
            var info = new ProcessStartInfo(options.Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in options.Arguments)
                info.ArgumentList.Add(a);
            foreach (var a in new[] { "--role", "compute", "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}" })
                info.ArgumentList.Add(a);
            foreach (var (key, value) in options.Environment)
                info.Environment[key] = value;
            var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {options.Executable}");
            // Read what the silo prints, or it blocks once a pipe fills.
            process.OutputDataReceived += (_, e) => { if (e.Data is { } line) logger.LogDebug("silo {Port}: {Line}", siloPort, line); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) logger.LogDebug("silo {Port}: {Line}", siloPort, line); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            lock (_lock)
                _silos.Add(new StartedSilo(process, siloPort));
            logger.LogInformation("Started compute silo process {Pid} (silo port {Port})", process.Id, siloPort);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(string silo, CancellationToken cancellationToken)
    {
        var summary = await client.DrainAsync(silo).WaitAsync(cancellationToken);
        logger.LogInformation("Drained {Silo} in {Ms} ms: {Blocks} block(s) moved, {Abandoned} task(s) handed back",
            silo, (long)summary.Duration.TotalMilliseconds, summary.BlocksMoved, summary.TasksAbandoned);
    }

    public async ValueTask DisposeAsync()
    {
        List<StartedSilo> silos;
        lock (_lock)
            silos = _silos.Where(s => !s.Process.HasExited).ToList();
        await Task.WhenAll(silos.Select(async s =>
        {
            try
            {
                // SIGTERM drains the silo as a scale-in would; a silo that does not stop in time is killed.
                using var stop = Process.Start("kill", ["-TERM", $"{s.Process.Id}"]);
                await s.Process.WaitForExitAsync().WaitAsync(ExitWait);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                s.Process.Kill(entireProcessTree: true);
            }
            s.Process.Dispose();
        }));
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private sealed class StartedSilo(Process process, int siloPort)
    {
        public Process Process { get; } = process;
        public int SiloPort { get; } = siloPort;
        public bool Joined { get; set; }
        public bool Reported { get; set; }
    }
}
