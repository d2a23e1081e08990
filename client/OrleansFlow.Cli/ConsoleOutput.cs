using System.Text.Json;
using OrleansFlow.Cli.Json;
using Spectre.Console;

namespace OrleansFlow.Cli;

/// <summary>
/// Where commands write: results (tables for people, JSON for scripts) on stdout; progress, summaries and errors on
/// stderr, so that <c>orleansflow sql ... &gt; out.csv</c> still shows its progress and out.csv holds only the result.
/// </summary>
internal static class ConsoleOutput
{
    public static IAnsiConsole Out { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

    /// <summary>Progress bars draw here.</summary>
    public static IAnsiConsole Progress { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>True when a person reads stdout: results print as tables then.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && Out.Profile.Capabilities.Interactive;

    /// <summary>True when a person watches stderr: progress is drawn as bars then, else as lines.</summary>
    public static bool ProgressInteractive => !Console.IsErrorRedirected && Progress.Profile.Capabilities.Interactive;

    /// <summary>The one JSON document of a <c>--json</c> run (<see cref="JsonFormat"/>).</summary>
    public static void WriteJson<T>(T value, TextWriter? to = null) => (to ?? Console.Out).WriteLine(JsonSerializer.Serialize(value, JsonFormat.Options));

    /// <summary>One line on stderr (or <paramref name="to"/>): <c>error: MESSAGE</c>.</summary>
    public static void Error(string message, TextWriter? to = null) => (to ?? Console.Error).WriteLine($"error: {message}");
}
