namespace OrleansFlow.Cli;

/// <summary>A command's arguments: positionals, options with values, and flags. Unknown options are errors.</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = [];

    /// <summary>Options every command takes.</summary>
    public static readonly string[] CommonValueOptions = ["--cluster", "--cluster-id"];
    public static readonly string[] CommonFlags = ["--quiet", "--json", "--help", "-h"];

    public static CliArguments Parse(IEnumerable<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags)
    {
        var result = new CliArguments();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (arg.StartsWith('-') && arg.Length > 1)
            {
                var eq = arg.IndexOf('=');
                var name = eq > 0 ? arg[..eq] : arg;
                if (valueOptions.Contains(name) || CommonValueOptions.Contains(name))
                {
                    string value;
                    if (eq > 0) value = arg[(eq + 1)..];
                    else if (e.MoveNext()) value = e.Current;
                    else throw new UsageException($"option {name} needs a value");
                    result._values[name] = value;
                }
                else if (flags.Contains(name) || CommonFlags.Contains(name))
                {
                    result._flags.Add(name);
                }
                else
                {
                    throw new UsageException($"unknown option '{name}'");
                }
            }
            else
            {
                result.Positionals.Add(arg);
            }
        }
        return result;
    }

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);

    public int Int(string name, int fallback, int min = 0)
    {
        if (Value(name) is not { } text) return fallback;
        return int.TryParse(text, out var v) && v >= min ? v : throw new UsageException($"option {name}: '{text}' is not a whole number ≥ {min}");
    }

    public bool Quiet => Flag("--quiet");
    public bool Json => Flag("--json");
    public bool Help => Flag("--help") || Flag("-h");
}

/// <summary>The command line is wrong; the message says how. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
