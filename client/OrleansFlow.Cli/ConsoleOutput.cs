using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace OrleansFlow.Cli;

/// <summary>Where commands write: tables and progress for people, JSON for scripts, errors on stderr.</summary>
internal static class ConsoleOutput
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IAnsiConsole Out { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

    /// <summary>True when a person is watching: progress is drawn only then.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && Out.Profile.Capabilities.Interactive;

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>One line on stderr (or <paramref name="to"/>): <c>error: MESSAGE</c>.</summary>
    public static void Error(string message, TextWriter? to = null) => (to ?? Console.Error).WriteLine($"error: {message}");
}
