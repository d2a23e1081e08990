using System.Diagnostics;

namespace OrleansFlow.Tests.Infrastructure;

/// <summary>Runs the <c>orleansflow</c> CLI as a process (embedded silo unless told otherwise) and collects its output.</summary>
public static class CliProcess
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OrleansFlow.Cli.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["ORLEANSFLOW_CONNECT_TIMEOUT"] = "2"; // an unreachable cluster fails fast in tests
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public string Output => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
