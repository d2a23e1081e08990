using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.Extensions.Configuration;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Fabric.Scheduling;

namespace OrleansFlow.Silo;

/// <summary>
/// The silo's settings (<see cref="SiloSettings"/>), once read: from the command line alone (<see cref="TryParse"/>)
/// or from every layer of configuration (<see cref="SiloConfiguration"/>).
/// </summary>
internal sealed record SiloArguments
{
    public ClusterAddress Cluster { get; init; } = ClusterAddress.Embedded;
    public string ClusterId { get; init; } = "orleansflow";
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;
    public int DataPort { get; init; }
    /// <summary>Null: <see cref="AdvertisedAddress.Default"/>.</summary>
    public IPAddress? AdvertiseAddress { get; init; }
    public IPAddress DataListen { get; init; } = IPAddress.Any;
    public string? Primary { get; init; }
    public int? Slots { get; init; }
    public SiloRole Role { get; init; }
    public long? MemoryBytes { get; init; }
    public string? WorkDirectory { get; init; }
    public int Replicas { get; init; } = 1;
    public bool PreTouch { get; init; }
    public PlanLimits Limits { get; init; } = PlanLimits.Default;

    /// <summary>
    /// Reads the command line alone, as if no environment variable nor configuration file set anything. False when
    /// the process is to exit at once with <paramref name="exitCode"/>: after <c>--help</c> or <c>--version</c> (0),
    /// or a usage error, written in one line to <paramref name="error"/> (2).
    /// </summary>
    public static bool TryParse(string[] args, TextWriter output, TextWriter error, [NotNullWhen(true)] out SiloArguments? arguments, out int exitCode)
    {
        arguments = null;
        if (!TryParseFlags(args, output, error, out var flags, out exitCode))
            return false;
        var configuration = new ConfigurationBuilder().Add(new FlagSettingsSource(flags)).Build();
        if (!SiloConfiguration.TryRead(configuration, out arguments, out var problem))
        {
            error.WriteLine($"error: {problem}");
            exitCode = 2;
            return false;
        }
        return true;
    }

    /// <summary>
    /// The settings the command line gives, as the text that followed each flag (<c>true</c> for a switch); each
    /// value is checked as its setting requires. False as for <see cref="TryParse"/>.
    /// </summary>
    public static bool TryParseFlags(string[] args, TextWriter output, TextWriter error,
        [NotNullWhen(true)] out IReadOnlyDictionary<SiloSetting, string>? flags, out int exitCode)
    {
        var command = new SiloCommand();
        var result = command.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null, EnablePosixBundling = false });
        flags = null;
        if (result.Action is ParseErrorAction)
        {
            error.WriteLine($"error: {Problem(result)}");
            exitCode = 2;
            return false;
        }
        if (result.Action is not null) // --help or --version
        {
            exitCode = result.Invoke(new InvocationConfiguration { Output = output, Error = error });
            return false;
        }
        flags = command.Read(result);
        exitCode = 0;
        return true;
    }

    /// <summary>A usage error in one line, as the silo always said it.</summary>
    private static string Problem(ParseResult result)
    {
        if (result.UnmatchedTokens.FirstOrDefault() is { } token)
            return $"unknown option '{token}'";
        var error = result.Errors[0];
        return error.SymbolResult switch
        {
            OptionResult { Implicit: false, Tokens.Count: 0 } o => $"option '{o.IdentifierToken?.Value ?? o.Option.Name}' needs a value",
            OptionResult { Tokens.Count: > 1 } o => $"option '{o.IdentifierToken?.Value ?? o.Option.Name}' is given more than once",
            _ => error.Message,
        };
    }

    private sealed class SiloCommand : RootCommand
    {
        private readonly List<(SiloSetting Setting, Option Option)> _options = [];

        public SiloCommand() : base("The OrleansFlow silo: runs the fabric's grains and its memory tier. " +
            "Options take their value as '--opt value' or '--opt=value'. Every option can also be set by its environment " +
            "variable or in appsettings.json (see README); the command line wins over the environment, the environment over the files.")
        {
            // -h and --help only, as before.
            for (var i = 0; i < Options.Count; i++)
                if (Options[i] is HelpOption)
                    Options[i] = new HelpOption("--help", "-h");
            foreach (var setting in SiloSettings.All)
            {
                Option option = setting.IsSwitch ? Switch(setting) : Valued(setting);
                _options.Add((setting, option));
                Add(option);
            }
        }

        public IReadOnlyDictionary<SiloSetting, string> Read(ParseResult r)
        {
            var given = new Dictionary<SiloSetting, string>();
            foreach (var (setting, option) in _options)
            {
                switch (option)
                {
                    case Option<bool> on when r.GetValue(on):
                        given[setting] = "true";
                        break;
                    case Option<string?> valued when r.GetValue(valued) is { } text:
                        given[setting] = text;
                        break;
                }
            }
            return given;
        }

        private static string Describe(SiloSetting s) =>
            $"{s.Description} (default: {s.Default}; env {s.EnvironmentVariable}{(s.Key is null ? "" : $", key {s.Key}")})";

        private static Option<bool> Switch(SiloSetting setting) => new(setting.Flag) { Arity = ArgumentArity.Zero, Description = Describe(setting) };

        private static Option<string?> Valued(SiloSetting setting) => new(setting.Flag)
        {
            HelpName = setting.HelpName,
            Description = Describe(setting),
            CustomParser = r =>
            {
                if (r.Tokens.Count == 0) return null;
                var text = r.Tokens[0].Value;
                if (text.Trim().Length > 0 && setting.Problem(text) is { } problem)
                    r.AddError($"option {setting.Flag}: {problem}");
                return text;
            },
        };
    }
}
