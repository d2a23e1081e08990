using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using OrleansFlow.Abstractions.Cluster;

namespace OrleansFlow.Cli;

/// <summary>
/// The kinds of values the commands' options take, each parsed and checked as the command line always did, with
/// the same messages. A bad value is a parse error: the command does not run and the exit code is 2.
/// </summary>
internal static class OptionKinds
{
    /// <summary>An option that is present or not; it takes no value.</summary>
    public static Option<bool> Flag(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>Any text, e.g. a path.</summary>
    public static Option<string?> Text(string name, string helpName, string description) =>
        new(name) { HelpName = helpName, Description = description };

    /// <summary>A whole number ≥ <paramref name="min"/>; absent: <paramref name="fallback"/> (shown in help).</summary>
    public static Option<int> WholeNumber(string name, int min, int fallback, string description, string helpName = "N") =>
        new(name)
        {
            HelpName = helpName,
            Description = description,
            DefaultValueFactory = _ => fallback,
            CustomParser = r => ParseWholeNumber(r, name, min) ?? fallback,
        };

    /// <summary>A whole number ≥ <paramref name="min"/>, or null when absent (the command then picks one).</summary>
    public static Option<int?> OptionalWholeNumber(string name, int min, string description, string helpName = "N") =>
        new(name) { HelpName = helpName, Description = description, CustomParser = r => ParseWholeNumber(r, name, min) };

    /// <summary>A size as people type it (4096, 64k, 16m, 2g: <see cref="ByteSize"/>), or null when absent.</summary>
    public static Option<long?> Size(string name, string description) =>
        new(name) { HelpName = "SIZE", Description = description, CustomParser = r => ParseSize(r, name) };

    /// <summary>A number ≥ 0 (invariant culture, e.g. 0.01); absent: <paramref name="fallback"/>.</summary>
    public static Option<float> NonNegativeNumber(string name, float fallback, string description, string helpName = "X") =>
        new(name)
        {
            HelpName = helpName,
            Description = description,
            DefaultValueFactory = _ => fallback,
            CustomParser = r =>
            {
                if (r.Tokens.Count == 0) return fallback;
                var text = r.Tokens[0].Value;
                if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v) && v >= 0)
                    return v;
                r.AddError($"option {name}: '{text}' is not a non-negative number");
                return fallback;
            },
        };

    /// <summary>
    /// One of a few names, each standing for a value; absent: <paramref name="fallback"/>. A name outside the list is
    /// "<c>NAME must be EXPECTED (was 'TEXT')</c>".
    /// </summary>
    public static Option<T> Choice<T>(string name, IReadOnlyDictionary<string, T> values, T fallback, string expected, string description)
    {
        var option = new Option<T>(name)
        {
            HelpName = string.Join('|', values.Keys),
            Description = description,
            DefaultValueFactory = _ => fallback,
            CustomParser = r =>
            {
                if (r.Tokens.Count == 0) return fallback;
                var text = r.Tokens[0].Value;
                if (values.TryGetValue(text, out var value)) return value;
                r.AddError($"{name} must be {expected} (was '{text}')");
                return fallback;
            },
        };
        // Completion offers the names the option takes, not the names of an enum's members.
        option.CompletionSources.Clear();
        option.CompletionSources.Add([.. values.Keys]);
        return option;
    }

    /// <summary>
    /// Adds a check of the command's values as a whole (required options, one input of several...). It runs once
    /// every value on the command line is good, so that a bad value is what gets reported: System.CommandLine converts
    /// option values only after the command's validators, and not at all once one of them has failed.
    /// </summary>
    public static void AddCheck(this Command command, Action<CommandResult> check) =>
        command.Validators.Add(r =>
        {
            if (ValuesAreGood(r))
                check(r);
        });

    /// <summary>
    /// Converts every option value given to the command (a bad one records its error), and reports positional values
    /// that look like options (<c>-x</c>, <c>--x</c>) as unknown options: an argument would otherwise take them.
    /// </summary>
    private static bool ValuesAreGood(CommandResult command)
    {
        foreach (var child in command.Children)
        {
            switch (child)
            {
                case ArgumentResult argument when argument.Tokens.FirstOrDefault(t => LooksLikeOption(t.Value)) is { } token:
                    argument.AddError($"unknown option '{token.Value}'");
                    return false;
                case OptionResult option:
                    try
                    {
                        option.GetValueOrDefault<object?>();
                    }
                    catch (InvalidOperationException)
                    {
                        return false; // the option's error is recorded
                    }
                    break;
            }
            if (child.Errors.Any())
                return false;
        }
        return true;
    }

    /// <summary>True when the option was on the command line (not just its default).</summary>
    public static bool IsGiven(this SymbolResult result, Option option) => result.GetResult(option) is { Implicit: false };

    public static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-';

    public static int? ParseWholeNumber(ArgumentResult r, string name, int min)
    {
        if (r.Tokens.Count == 0) return null;
        var text = r.Tokens[0].Value;
        if (int.TryParse(text, out var v) && v >= min) return v;
        r.AddError($"option {name}: '{text}' is not a whole number ≥ {min}");
        return null;
    }

    public static long? ParseSize(ArgumentResult r, string name) => ParseSize(r, name, r.Tokens.Count == 0 ? null : r.Tokens[0].Value);

    public static long? ParseSize(ArgumentResult r, string name, string? text)
    {
        if (text is null) return null;
        try
        {
            return ByteSize.Parse(text, name);
        }
        catch (ArgumentException e)
        {
            r.AddError(e.Message);
        }
        catch (OverflowException)
        {
            r.AddError($"{name}: '{text}' is too large");
        }
        return null;
    }
}
