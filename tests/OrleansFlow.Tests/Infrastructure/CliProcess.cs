namespace OrleansFlow.Tests.Infrastructure;

/// <summary>Runs the <c>orleansflow</c> CLI as a process (embedded silo unless told otherwise) and collects its output.</summary>
public static class CliProcess
{
    public static Task<ProcessRun> RunAsync(params string[] args) =>
        ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "OrleansFlow.Cli.dll"), .. args], new ChildProcessOptions
        {
            Environment = new Dictionary<string, string> { ["ORLEANSFLOW_CONNECT_TIMEOUT"] = "2" }, // an unreachable cluster fails fast in tests
        });
}
