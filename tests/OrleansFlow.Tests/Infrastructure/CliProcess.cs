namespace OrleansFlow.Tests.Infrastructure;

/// <summary>Runs the <c>orleansflow</c> CLI as a process (embedded silo unless told otherwise) and collects its output.</summary>
public static class CliProcess
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "OrleansFlow.Cli.dll");

    /// <summary>Runs the CLI to its end. It fails fast on an unreachable cluster by default: nothing to set.</summary>
    public static Task<ProcessRun> RunAsync(params string[] args) => ChildProcess.RunAsync("dotnet", [Dll, .. args]);

    /// <summary>
    /// Starts the CLI and leaves it running, for tests that signal it. SIGINT is reset to its default for it
    /// (<c>env --default-signal</c>): a process started from a shell's background job inherits SIGINT ignored, and
    /// .NET then never sees a Ctrl+C.
    /// </summary>
    public static ChildProcess Start(params string[] args) =>
        ChildProcess.Start("orleansflow " + string.Join(' ', args.Take(1)), "env", ["--default-signal=INT", "dotnet", Dll, .. args]);
}
