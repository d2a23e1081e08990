using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Hosting;

namespace OrleansFlow.Silo;

/// <summary>
/// Where the silo's settings come from, in <see cref="IConfiguration"/> layers, the later winning: the silo's log
/// levels; <c>appsettings.json</c> and <c>appsettings.{DOTNET_ENVIRONMENT}.json</c> in the configuration folder; the
/// process environment (.NET's own forms such as <c>Logging__LogLevel__Default</c>); the <c>ORLEANSFLOW_</c>
/// variables of <see cref="SiloSettings"/>; the command line. Then every setting is read from the
/// <see cref="SiloSetting.Section"/> and checked before the host is built, so that a bad value is reported as the
/// flag, variable or file key that gave it.
/// </summary>
internal static class SiloConfiguration
{
    /// <summary>The lowest layer. The log levels keep Orleans' and the framework's chatter out of a silo's output
    /// unless the Logging section asks for it.</summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>
    {
        // A silo started in /tmp spent CPU on every file that jobs wrote there when the host watched its folder.
        ["hostBuilder:reloadConfigOnChange"] = "false",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Microsoft"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    /// <summary>
    /// A host builder whose configuration has every layer, and the settings read from it. False when the process is
    /// to exit at once with <paramref name="exitCode"/>, after <c>--help</c>, <c>--version</c> or one line
    /// <c>error: ...</c> on <paramref name="error"/> (exit code 2).
    /// </summary>
    /// <param name="environment">The process's environment variables (a test's own, in tests).</param>
    public static bool TryCreateBuilder(string[] args, IDictionary environment, TextWriter output, TextWriter error,
        [NotNullWhen(true)] out HostApplicationBuilder? builder, [NotNullWhen(true)] out SiloArguments? arguments, out int exitCode)
    {
        builder = null;
        arguments = null;
        if (!SiloArguments.TryParseFlags(args, output, error, out var flags, out exitCode))
            return false;
        exitCode = 2;
        var variables = new EnvironmentSettingsSource(environment);
        // The folder comes from the two layers above the files.
        var folder = AppContext.BaseDirectory;
        if (flags.TryGetValue(SiloSettings.ConfigDir, out var flagged) && flagged.Trim().Length > 0)
            folder = flagged.Trim();
        else if (variables.Values.TryGetValue(SiloSettings.ConfigDir.EnvironmentVariable, out var variable) && variable is { Length: > 0 })
        {
            if (SiloSettings.ConfigDir.Problem(variable) is { } problem)
            {
                error.WriteLine($"error: {SiloSettings.ConfigDir.EnvironmentVariable}: {problem}");
                return false;
            }
            folder = variable.Trim();
        }

        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(Defaults);
        try
        {
            // The defaults add the files (optional) and the process environment.
            builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                ContentRootPath = Path.GetFullPath(folder),
                EnvironmentName = environment["DOTNET_ENVIRONMENT"] is string { Length: > 0 } name ? name : Environments.Production,
                Configuration = configuration,
            });
        }
        catch (InvalidDataException e)
        {
            error.WriteLine($"error: {e.Message} {e.GetBaseException().Message}");
            return false;
        }
        configuration.Sources.Add(variables);
        configuration.Sources.Add(new FlagSettingsSource(flags));
        if (!TryRead(configuration, out arguments, out var wrong))
        {
            error.WriteLine($"error: {wrong}");
            builder = null;
            return false;
        }
        exitCode = 0;
        return true;
    }

    /// <summary>
    /// Every setting of the <see cref="SiloSetting.Section"/> in <paramref name="configuration"/>, or the first problem
    /// in one line: where the value came from and what is wrong with it, e.g. <c>ORLEANSFLOW_SLOTS: must be at least 1 (was 0)</c>.
    /// </summary>
    public static bool TryRead(IConfigurationRoot configuration, [NotNullWhen(true)] out SiloArguments? arguments, [NotNullWhen(false)] out string? problem)
    {
        arguments = null;
        var section = configuration.GetSection(SiloSetting.Section);
        foreach (var child in section.GetChildren())
        {
            if (SiloSettings.All.Any(s => s.InFile && string.Equals(s.KeyName, child.Key, StringComparison.OrdinalIgnoreCase)))
                continue;
            var known = string.Join(", ", SiloSettings.All.Where(s => s.InFile).Select(s => s.KeyName));
            problem = $"{Where(configuration, child.Path, null)}: not a setting of the silo (they are {known})";
            return false;
        }

        var result = new SiloArguments();
        foreach (var setting in SiloSettings.All.Where(s => s.InFile))
        {
            var value = configuration[setting.Key!];
            if (value is null && configuration.GetSection(setting.Key!).GetChildren().Any())
            {
                problem = $"{Where(configuration, setting.Key!, setting)}: must be one value, not a section";
                return false;
            }
            if (string.IsNullOrWhiteSpace(value))
                continue;
            try
            {
                result = setting.Apply(result, value);
            }
            catch (SettingException e)
            {
                problem = $"{Where(configuration, setting.Key!, setting)}: {e.Message}";
                return false;
            }
        }
        arguments = result;
        problem = null;
        return true;
    }

    /// <summary>How a user would name the place that set <paramref name="key"/>: the flag, the variable, or the
    /// key and its file.</summary>
    private static string Where(IConfigurationRoot configuration, string key, SiloSetting? setting)
    {
        var provider = configuration.Providers.Reverse().FirstOrDefault(p => p.TryGet(key, out _) || p.GetChildKeys([], key).Any());
        return provider switch
        {
            FlagSettingsProvider when setting is not null => $"option {setting.Flag}",
            EnvironmentSettingsProvider when setting is not null => setting.EnvironmentVariable,
            FileConfigurationProvider file => $"{key} in {file.Source.FileProvider?.GetFileInfo(file.Source.Path ?? "").PhysicalPath ?? file.Source.Path}",
            EnvironmentVariablesConfigurationProvider => $"environment variable {key.Replace(":", "__", StringComparison.Ordinal)}",
            null => key,
            _ => $"{key} ({provider})",
        };
    }
}

/// <summary>The flags given on the command line, at their settings' keys.</summary>
internal sealed class FlagSettingsSource(IReadOnlyDictionary<SiloSetting, string> flags) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new FlagSettingsProvider(flags);
}

internal sealed class FlagSettingsProvider : ConfigurationProvider
{
    public FlagSettingsProvider(IReadOnlyDictionary<SiloSetting, string> flags)
    {
        foreach (var (setting, value) in flags)
            if (setting.Key is not null)
                Data[setting.Key] = value;
    }

    public override string ToString() => "the command line";
}

/// <summary>
/// The <c>ORLEANSFLOW_</c> variables of <see cref="SiloSettings"/>, at their settings' keys. Only those: other
/// <c>ORLEANSFLOW_</c> variables belong to other parts (the CLI, the ML datasets), and .NET's own
/// environment provider cannot map <c>ORLEANSFLOW_CLUSTER_ID</c> to <c>OrleansFlow:ClusterId</c>.
/// </summary>
internal sealed class EnvironmentSettingsSource : IConfigurationSource
{
    public EnvironmentSettingsSource(IDictionary environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in SiloSettings.All)
            if (environment[setting.EnvironmentVariable] is string value)
                values[setting.EnvironmentVariable] = value;
        Values = values;
    }

    /// <summary>The variables set, by name.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new EnvironmentSettingsProvider(Values);
}

internal sealed class EnvironmentSettingsProvider : ConfigurationProvider
{
    public EnvironmentSettingsProvider(IReadOnlyDictionary<string, string> variables)
    {
        foreach (var setting in SiloSettings.All)
            if (setting.Key is not null && variables.TryGetValue(setting.EnvironmentVariable, out var value))
                Data[setting.Key] = value;
    }

    public override string ToString() => "ORLEANSFLOW_ environment variables";
}
