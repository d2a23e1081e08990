using System.Globalization;

namespace OrleansFlow.Benchmarks.ML;

/// <summary>"--name value" pairs after the command word.</summary>
internal sealed class Arguments(string[] args)
{
    public int Int(string name, int fallback) =>
        Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public string? Value(string name)
    {
        var index = Array.IndexOf(args, "--" + name);
        if (index < 0)
            return null;
        if (index + 1 >= args.Length)
            throw new ArgumentException($"--{name} needs a value.");
        return args[index + 1];
    }
}
