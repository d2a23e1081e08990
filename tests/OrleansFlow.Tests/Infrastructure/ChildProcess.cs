using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansFlow.Tests.Infrastructure;

/// <summary>
/// A process the test starts and owns: its output is collected, <see cref="WaitForLineAsync"/> waits for a line
/// that announces readiness, and disposing kills the whole process tree.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];
    private readonly object _gate = new();

    private ChildProcess(Process process) => _process = process;

    public string Name { get; private init; } = "";

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process) { Name = name };
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Exited += (_, _) => child.OnExit();
        if (!process.Start())
            throw new InvalidOperationException($"could not start {name}: {fileName}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process printed so far (for failure messages).</summary>
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
            return await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not print '{text}' within {timeout}:\n{Output}");
        }
    }

    /// <summary>Kills the process at once (a crash, as far as the cluster can tell).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _lines.Enqueue(line);
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
