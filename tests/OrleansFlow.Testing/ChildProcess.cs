using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

namespace OrleansFlow.Testing;

/// <summary>How a <see cref="ChildProcess"/> is started.</summary>
public sealed record ChildProcessOptions
{
    /// <summary>The folder it starts in; the test's (or benchmark's) output folder when not set.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment variables set for it, on top of this process's own.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>
    /// Keep only the first this many lines of its output for <see cref="ChildProcess.Output"/> (all when not set):
    /// for long-running processes that log a lot, such as a benchmark's silos. Lines are still matched by
    /// <see cref="ChildProcess.WaitForLineAsync"/> as they arrive.
    /// </summary>
    public int? KeptLines { get; init; }

    /// <summary>
    /// A line protocol: standard input is redirected for <see cref="ChildProcess.SendLine"/>, and every line of
    /// standard output is queued, in order, for <see cref="ChildProcess.ReadLineAsync"/>.
    /// </summary>
    public bool Interactive { get; init; }
}

/// <summary>What a process that ran to its end printed, and its exit code.</summary>
public sealed record ProcessRun(int ExitCode, string Stdout, string Stderr)
{
    public string Output => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// A process the test starts and owns: its output is collected, <see cref="WaitForLineAsync"/> waits for a line
/// that announces readiness, and disposing kills the whole process tree. <see cref="RunAsync"/> runs a command to
/// its end instead.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable, IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];
    private readonly object _gate = new();
    private readonly int _keptLines;
    private readonly Channel<string>? _stdout;
    private bool _disposed;

    private ChildProcess(Process process, string name, ChildProcessOptions options)
    {
        _process = process;
        Name = name;
        _keptLines = options.KeptLines ?? int.MaxValue;
        if (options.Interactive) _stdout = Channel.CreateUnbounded<string>();
    }

    public string Name { get; }

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, ChildProcessOptions? options = null)
    {
        options ??= new ChildProcessOptions();
        var info = StartInfo(fileName, arguments, options);
        info.RedirectStandardInput = options.Interactive;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name, options);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, standardOutput: true);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, standardOutput: false);
        process.Exited += (_, _) => child.OnExit();
        if (!process.Start())
            throw new InvalidOperationException($"could not start {name}: {fileName}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs <paramref name="fileName"/> to its end and returns its exit code and what it printed.</summary>
    public static async Task<ProcessRun> RunAsync(string fileName, IEnumerable<string> arguments, ChildProcessOptions? options = null)
    {
        using var process = Process.Start(StartInfo(fileName, arguments, options ?? new ChildProcessOptions()))
            ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return new ProcessRun(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary><see cref="RunAsync"/>, for callers that cannot await.</summary>
    public static ProcessRun Run(string fileName, IEnumerable<string> arguments, ChildProcessOptions? options = null) =>
        RunAsync(fileName, arguments, options).GetAwaiter().GetResult();

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time (user + system) the process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Everything the process printed so far, standard output and error as they came (for failure messages).</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>Waits until the process prints a line containing <paramref name="text"/>; fails if it exits first or the time runs out.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var already = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (already is not null) return already;
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited before printing '{text}':\n{Output}");
            _waiters.Add((l => l.Contains(text, StringComparison.Ordinal), seen));
        }
        try
        {
            return await seen.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not print '{text}' within {timeout}:\n{Output}");
        }
    }

    /// <summary>Writes a line to the process's standard input (<see cref="ChildProcessOptions.Interactive"/> only).</summary>
    public void SendLine(string line)
    {
        if (_stdout is null) throw new InvalidOperationException($"{Name} was not started interactive");
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>The next line of standard output not read yet (<see cref="ChildProcessOptions.Interactive"/> only);
    /// fails if the process ends first or the time runs out.</summary>
    public async Task<string> ReadLineAsync(TimeSpan timeout)
    {
        if (_stdout is null) throw new InvalidOperationException($"{Name} was not started interactive");
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            if (await _stdout.Reader.WaitToReadAsync(cancel.Token).ConfigureAwait(false) && _stdout.Reader.TryRead(out var line))
                return line;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} printed no line within {timeout}:\n{Output}");
        }
        throw new InvalidOperationException($"{Name} exited (code {SafeExitCode()}):\n{Output}");
    }

    /// <summary>Waits for the process to end by itself; false if it is still running after <paramref name="timeout"/>.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Sends a POSIX signal (SIGTERM asks for a graceful stop, SIGINT is Ctrl+C).</summary>
    public void Signal(PosixSignalNumber signal)
    {
        if (!_process.HasExited && PosixSignals.kill(_process.Id, (int)signal) != 0)
            throw new InvalidOperationException($"could not send {signal} to {Name} (pid {_process.Id}): errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }

    /// <summary>The exit code, once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the process to end by itself and returns its exit code; fails if it is still running after
    /// <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitCodeAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout}:\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>Sends SIGINT, what Ctrl+C sends a program in a terminal.</summary>
    public Task InterruptAsync()
    {
        Signal(PosixSignalNumber.Interrupt);
        return Task.CompletedTask;
    }

    /// <summary>Kills the process at once (a crash, as far as the cluster can tell).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            await KillAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
        _process.Dispose();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, ChildProcessOptions options)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (key, value) in options.Environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return info;
    }

    private void OnLine(string? line, bool standardOutput)
    {
        if (line is null)
        {
            if (standardOutput) _stdout?.Writer.TryComplete();
            return;
        }
        if (standardOutput) _stdout?.Writer.TryWrite(line);
        lock (_gate)
        {
            if (_lines.Count < _keptLines) _lines.Enqueue(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    _waiters[i].Seen.TrySetResult(line);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private void OnExit()
    {
        lock (_gate)
        {
            foreach (var (_, seen) in _waiters)
                seen.TrySetException(new InvalidOperationException($"{Name} exited (code {SafeExitCode()}):\n{Output}"));
            _waiters.Clear();
        }
    }

    private string SafeExitCode()
    {
        try { return _process.ExitCode.ToString(); }
        catch (InvalidOperationException) { return "?"; }
    }
}
