using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using OrleansFlow.Cli.Json;
using OrleansFlow.Datagen;

namespace OrleansFlow.Cli.Commands;

/// <summary>
/// <c>orleansflow datagen tpch|tpcds --sf F --output DIR [--seed N] [--parallelism N]</c>: TPC-H / TPC-DS tables as
/// Parquet, written in this process by <see cref="TpchGenerator"/> and <see cref="TpcdsGenerator"/>.
/// </summary>
internal sealed class DatagenCommand : Command
{
    /// <summary>Shown with every usage error of this command, as it always was.</summary>
    public const string Usage = "usage: orleansflow datagen tpch|tpcds --sf F --output DIR [--seed N] [--parallelism N] [--max-sf F]";

    /// <summary>What <c>datagen</c> was asked to write. (The name hides <see cref="Command.Options"/>, the option list, in this class.)</summary>
    internal new sealed record Options(string Benchmark, double ScaleFactor, string OutputDir, int Seed, int? Parallelism, bool Quiet = false, bool Json = false)
    {
        /// <summary>The largest --sf accepted (--max-sf): a typo such as 1e9 for 1e0 is refused before anything is written.</summary>
        public double MaxScaleFactor { get; init; } = DatagenLimits.DefaultMaxScaleFactor;
    }

    private readonly Argument<string?> _benchmark = new Argument<string?>("benchmark")
    {
        Arity = ArgumentArity.ZeroOrOne, HelpName = "tpch|tpcds", Description = "the benchmark whose tables are written",
    };
    private readonly Option<double> _scaleFactor = new("--sf")
    {
        HelpName = "F",
        Description = "scale factor, e.g. 0.01, 0.1 or 1",
        CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return 0;
            var text = r.Tokens[0].Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && double.IsFinite(f) && f > 0) return f;
            r.AddError($"datagen: --sf must be a number greater than 0, not '{text}'");
            return 0;
        },
    };
    private readonly Option<double> _maxScaleFactor = new("--max-sf")
    {
        HelpName = "F",
        Description = $"the largest --sf accepted (default {DatagenLimits.F(DatagenLimits.DefaultMaxScaleFactor)}; SF 1 is about 1 GB)",
        DefaultValueFactory = _ => DatagenLimits.DefaultMaxScaleFactor,
        CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return DatagenLimits.DefaultMaxScaleFactor;
            var text = r.Tokens[0].Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && double.IsFinite(f) && f > 0) return f;
            r.AddError($"datagen: --max-sf must be a number greater than 0, not '{text}'");
            return DatagenLimits.DefaultMaxScaleFactor;
        },
    };
    private readonly Option<string?> _output = OptionKinds.Text("--output", "DIR", "the folder for one sub-folder per table: DIR/<table>/part-NNNNN.parquet");
    private readonly Option<int> _seed = new("--seed")
    {
        HelpName = "N",
        Description = "random seed; output is a function of (scale factor, seed) only",
        DefaultValueFactory = _ => 0,
        CustomParser = r => Integer(r, "--seed", 0, int.MinValue, "an integer") ?? 0,
    };
    private readonly Option<int?> _parallelism = new("--parallelism")
    {
        HelpName = "N",
        Description = "parts generated at once (default: the processor count)",
        CustomParser = r => Integer(r, "--parallelism", null, 1, "an integer of at least 1"),
    };

    private readonly SharedOptions _shared;

    public DatagenCommand(SharedOptions shared) : base("datagen", "Generate TPC-H / TPC-DS tables as Parquet.")
    {
        _shared = shared;
        Add(_benchmark);
        Add(_scaleFactor);
        Add(_maxScaleFactor);
        Add(_output);
        Add(_seed);
        Add(_parallelism);
        shared.AddOutputTo(this); // it needs no cluster
        this.AddCheck(r =>
        {
            if (r.GetValue(_benchmark) is not { } benchmark)
                r.AddError("datagen: say which benchmark, tpch or tpcds");
            else if (benchmark is not ("tpch" or "tpcds"))
                r.AddError($"datagen: unknown benchmark '{benchmark}'");
            else if (!r.IsGiven(_scaleFactor))
                r.AddError("datagen: --sf is required");
            else if (r.GetValue(_scaleFactor) is var sf && sf > MaxScaleFactor(r))
                r.AddError($"datagen: --sf {DatagenLimits.F(sf)} is more than the limit of {DatagenLimits.F(MaxScaleFactor(r))} (raise it with --max-sf)");
            else if (string.IsNullOrWhiteSpace(r.GetValue(_output)))
                r.AddError("datagen: --output is required");
        });
        SetAction((r, cancellationToken) => RunAsync(Read(r), r.InvocationConfiguration.Output, r.InvocationConfiguration.Error, cancellationToken));
    }

    internal Options Read(ParseResult r) =>
        new(r.GetValue(_benchmark)!, r.GetValue(_scaleFactor), r.GetValue(_output)!, r.GetValue(_seed), r.GetValue(_parallelism),
            r.GetValue(_shared.Quiet), r.GetValue(_shared.Json))
        {
            MaxScaleFactor = r.GetResult(_maxScaleFactor) is { Implicit: false } ? r.GetValue(_maxScaleFactor) : DatagenLimits.DefaultMaxScaleFactor,
        };

    /// <summary>--max-sf, or its default when absent (a check sees an absent option's value as 0, not its default).</summary>
    private double MaxScaleFactor(SymbolResult r) => r.IsGiven(_maxScaleFactor) ? r.GetValue(_maxScaleFactor) : DatagenLimits.DefaultMaxScaleFactor;

    /// <summary>Parses <c>datagen</c>'s arguments (those after the command's name) as the CLI does.</summary>
    internal static bool TryParse(IReadOnlyList<string> args, out Options options, out string problem)
    {
        var result = CliApp.Parse(["datagen", .. args]);
        if (result.Errors.Count > 0 || result.CommandResult.Command is not DatagenCommand command)
        {
            options = null!;
            problem = CliApp.Problem(result);
            return false;
        }
        options = command.Read(result);
        problem = "";
        return true;
    }

    /// <summary>Writes the tables; a line per table and its rows (or one JSON document) on <paramref name="output"/>,
    /// progress on <paramref name="error"/> unless quiet.</summary>
    public static async Task<int> RunAsync(Options options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var progress = new LineProgress(options.Quiet ? TextWriter.Null : error);
        var limits = new DatagenLimits { MaxScaleFactor = options.MaxScaleFactor };
        var result = options.Benchmark == "tpch"
            ? await TpchGenerator.GenerateAsync(options.ScaleFactor, options.OutputDir, options.Seed, options.Parallelism, progress, cancellationToken, limits)
            : await TpcdsGenerator.GenerateAsync(options.ScaleFactor, options.OutputDir, options.Seed, options.Parallelism, progress, cancellationToken, limits);
        if (options.Json)
        {
            ConsoleOutput.WriteJson(new DatagenJson(options.Benchmark, options.ScaleFactor, result.OutputDir, stopwatch.Elapsed,
                [.. result.RowCounts.Select(t => new DatagenJson.Table(t.Key, t.Value))]), output);
            return 0;
        }
        foreach (var (table, rows) in result.RowCounts)
        {
            await output.WriteLineAsync($"{table,-24} {rows,14:N0}");
        }

        await output.WriteLineAsync(
            $"{options.Benchmark} SF {options.ScaleFactor.ToString(CultureInfo.InvariantCulture)} written to " +
            $"{result.OutputDir} in {stopwatch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static int? Integer(ArgumentResult r, string name, int? fallback, int min, string expected)
    {
        if (r.Tokens.Count == 0) return fallback;
        var text = r.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min) return value;
        r.AddError($"datagen: {name} must be {expected}, not '{text}'");
        return fallback;
    }

    /// <summary>
    /// Writes one line per finished part, on the reporting thread: Progress&lt;T&gt; would post lines to the thread
    /// pool, where they could interleave or arrive after the command returned.
    /// </summary>
    private sealed class LineProgress(TextWriter writer) : IProgress<DatagenProgress>
    {
        public void Report(DatagenProgress p)
        {
            lock (writer)
            {
                writer.WriteLine($"  {p.PartsDone}/{p.PartsTotal} parts ({p.Table}), {p.RowsWritten:N0} rows");
            }
        }
    }
}
