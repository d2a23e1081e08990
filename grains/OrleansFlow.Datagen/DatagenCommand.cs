using System.Diagnostics;
using System.Globalization;

namespace OrleansFlow.Datagen;

/// <summary>
/// The <c>orleansflow datagen</c> command, ready for the CLI to delegate to:
/// <c>datagen tpch|tpcds --sf F --output DIR [--seed N] [--parallelism N]</c>.
/// Returns 0 on success, 2 for a usage error, 1 when the data cannot be written.
/// </summary>
public static class DatagenCommand
{
    public const string Usage = "usage: orleansflow datagen tpch|tpcds --sf F --output DIR [--seed N] [--parallelism N]";

    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        if (!TryParse(args, out var options, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var stopwatch = Stopwatch.StartNew();
        var progress = new LineProgress(error);
        try
        {
            var result = options.Benchmark == "tpch"
                ? await TpchGenerator.GenerateAsync(options.ScaleFactor, options.OutputDir, options.Seed, options.Parallelism, progress, ct)
                : await TpcdsGenerator.GenerateAsync(options.ScaleFactor, options.OutputDir, options.Seed, options.Parallelism, progress, ct);
            foreach (var (table, rows) in result.RowCounts)
            {
                await output.WriteLineAsync($"{table,-24} {rows,14:N0}");
            }

            await output.WriteLineAsync(
                $"{options.Benchmark} SF {options.ScaleFactor.ToString(CultureInfo.InvariantCulture)} written to " +
                $"{result.OutputDir} in {stopwatch.Elapsed.TotalSeconds:F1} s");
            return 0;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
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

    internal sealed record Options(string Benchmark, double ScaleFactor, string OutputDir, int Seed, int? Parallelism);

    internal static bool TryParse(IReadOnlyList<string> args, out Options options, out string problem)
    {
        options = null!;
        if (args.Count == 0 || args[0] is not ("tpch" or "tpcds"))
        {
            problem = args.Count == 0 ? "datagen: say which benchmark, tpch or tpcds." : $"datagen: unknown benchmark '{args[0]}'.";
            return false;
        }

        double? sf = null;
        string? outputDir = null;
        var seed = 0;
        int? parallelism = null;
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                problem = $"datagen: '{name}' needs a value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--sf" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && double.IsFinite(f) && f > 0:
                    sf = f;
                    break;
                case "--sf":
                    problem = $"datagen: --sf must be a number greater than 0, not '{value}'.";
                    return false;
                case "--output":
                    outputDir = value;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    break;
                case "--parallelism" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p >= 1:
                    parallelism = p;
                    break;
                case "--seed" or "--parallelism":
                    problem = $"datagen: {name} must be {(name == "--seed" ? "an integer" : "an integer of at least 1")}, not '{value}'.";
                    return false;
                default:
                    problem = $"datagen: unknown option '{name}'.";
                    return false;
            }
        }

        if (sf is null || string.IsNullOrWhiteSpace(outputDir))
        {
            problem = sf is null ? "datagen: --sf is required." : "datagen: --output is required.";
            return false;
        }

        options = new Options(args[0], sf.Value, outputDir, seed, parallelism);
        problem = "";
        return true;
    }
}
