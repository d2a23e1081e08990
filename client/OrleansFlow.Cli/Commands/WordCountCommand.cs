using System.CommandLine;
using OrleansFlow.Abstractions.Cluster;
using System.Text;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Cli.Json;
using OrleansFlow.Client;
using OrleansFlow.Engine.Input;
using OrleansFlow.Engine.WordCount;
using Spectre.Console;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>orleansflow wordcount PATH... [--top N] [--output FILE]</c></summary>
internal sealed class WordCountCommand : Command
{
    /// <summary>What <c>wordcount</c> was asked to do.</summary>
    internal sealed record Settings : CommonSettings
    {
        public Settings(CommonSettings common) : base(common) { }

        /// <summary>The files and directories given (the positional arguments); <c>--generate</c> adds its folder.</summary>
        public required List<string> Positionals { get; init; }
        public int Top { get; init; } = 20;
        public string? Output { get; init; }
        /// <summary>0: the job picks.</summary>
        public int Reducers { get; init; }
        public ShuffleStoreKind Shuffle { get; init; }
        /// <summary>0: the job picks.</summary>
        public long SplitSize { get; init; }
        /// <summary>Bytes of sample text to generate and count, or null.</summary>
        public long? Generate { get; init; }
    }

    private readonly SharedOptions _shared;
    private readonly Argument<List<string>> _paths = new Argument<List<string>>("path")
    {
        Arity = ArgumentArity.ZeroOrMore,
        Description = "files, and directories whose files are counted (hidden files skipped)",
    };
    private readonly Option<int> _top = OptionKinds.WholeNumber("--top", min: 1, fallback: 20, "without --output: print the N most frequent words");
    private readonly Option<string?> _output = OptionKinds.Text("--output", "FILE", "write word<TAB>count lines, sorted by word, to FILE");
    private readonly Option<long?> _generate = OptionKinds.Size("--generate", "count SIZE (e.g. 50m) of generated sample text");

    public WordCountCommand(SharedOptions shared) : base("wordcount",
        "Count words with a MapReduce job: maximal runs of ASCII letters, lower-cased, in the files and in the files " +
        "directly inside each directory. With --output, writes word<TAB>count lines sorted by word; otherwise prints " +
        "the top N words by count.")
    {
        _shared = shared;
        Add(_paths);
        Add(_top);
        Add(_output);
        Add(shared.Reducers);
        Add(shared.Shuffle);
        Add(shared.SplitSize);
        Add(_generate);
        shared.AddCommonTo(this);
        shared.AddDetachTo(this);
        this.AddCheck(r =>
        {
            if (r.GetValue(_paths) is not { Count: > 0 } && !r.IsGiven(_generate))
                r.AddError("wordcount needs at least one file or directory (or --generate SIZE)");
            else if (r.IsGiven(_output) && r.IsGiven(shared.Detach))
                r.AddError("wordcount --detach cannot write --output FILE: it does not wait for the counts (they stay in the job's output folder)");
        });
        SetAction((r, cancellationToken) => RunAsync(Read(r), cancellationToken));
    }

    internal Settings Read(ParseResult r) => new(_shared.ReadCommon(r))
    {
        Positionals = r.GetValue(_paths) ?? [],
        Top = r.GetValue(_top),
        Output = r.GetValue(_output),
        Reducers = r.GetValue(_shared.Reducers) ?? 0,
        Shuffle = r.GetValue(_shared.Shuffle),
        SplitSize = r.GetValue(_shared.SplitSize) ?? 0,
        Generate = r.GetValue(_generate),
    };

    public static async Task<int> RunAsync(Settings args, CancellationToken cancellationToken)
    {
        string? generated = null;
        if (args.Generate is { } bytes)
        {
            generated = Path.Combine(Path.GetTempPath(), "orleansflow-sample", $"corpus-{bytes}");
            if (!Directory.Exists(generated) || Directory.EnumerateFiles(generated).Sum(f => new FileInfo(f).Length) != bytes)
            {
                if (Directory.Exists(generated)) Directory.Delete(generated, recursive: true);
                if (!args.Quiet) Console.Error.WriteLine($"generating {ByteSize.Format(bytes)} of sample text in {generated}");
                SampleCorpus.Write(generated, bytes);
            }
            args.Positionals.Add(generated);
        }
        var top = args.Top;
        var reducers = args.Reducers;
        var shuffle = args.Shuffle;
        var splitSize = args.SplitSize;
        var outputFile = args.Output is { } o ? Path.GetFullPath(o) : null;

        // Check the input here first: a clear error before any silo starts.
        InputPlanner.ResolveTextFiles(args.Positionals);
        if (outputFile is not null && Path.GetDirectoryName(outputFile) is { } dir && !Directory.Exists(dir))
            throw new InputException($"output folder does not exist: {dir}");

        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var parts = Path.Combine(Path.GetTempPath(), "orleansflow-cli", Guid.NewGuid().ToString("N"));
        var keepParts = false;
        try
        {
            var (job, waited) = await JobWait.RunAsync(args, () => client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission
            {
                Name = "wordcount",
                Inputs = args.Positionals,
                OutputDirectory = parts,
                Reducers = reducers,
                Shuffle = shuffle,
                SplitSizeBytes = splitSize,
            }), (submitted, token) => JobProgressView.WaitAsync(submitted, args.Quiet, token), cancellationToken);
            if (waited is not { } result)
            {
                keepParts = true; // the job writes them after this process has gone
                return JobWait.PrintDetached(job, args, parts);
            }
            if (!args.Quiet)
                PrintSummary(result);

            if (outputFile is not null)
            {
                long lines;
                await using (var writer = new StreamWriter(outputFile, append: false, new UTF8Encoding(false)))
                    lines = WordCountResults.MergeSorted(result.OutputFiles, writer);
                if (args.Json)
                    ConsoleOutput.WriteJson(Report(result, outputFile, lines, null));
                else if (!args.Quiet)
                    Console.Error.WriteLine($"{job.JobId}: {lines} distinct words written to {outputFile}");
            }
            else
            {
                var words = WordCountResults.Top(result.OutputFiles, top);
                if (args.Json)
                    ConsoleOutput.WriteJson(Report(result, null, null, [.. words.Select(w => new WordCountJson.Word(w.Word, w.Count))]));
                else
                    PrintTop(words);
            }
            return 0;
        }
        finally
        {
            if (!keepParts && Directory.Exists(parts))
                Directory.Delete(parts, recursive: true);
        }
    }

    private static WordCountJson Report(JobResult result, string? outputFile, long? distinctWords, IReadOnlyList<WordCountJson.Word>? top) => new(
        result.Info.JobId, (result.Info.FinishedAt - result.Info.SubmittedAt) ?? TimeSpan.Zero, InputBytes(result.Info), result.Tasks.Count,
        outputFile, distinctWords, top);

    private static long InputBytes(JobInfo info) => info.Stages.Count > 0 ? info.Stages[0].BytesIn : 0;

    private static void PrintSummary(JobResult result)
    {
        var info = result.Info;
        var took = (info.FinishedAt - info.SubmittedAt)?.TotalSeconds ?? 0;
        var input = InputBytes(info);
        var silos = result.Tasks.GroupBy(t => t.Silo).Select(g => $"{g.Count()} on {g.Key}");
        Console.Error.WriteLine($"{info.JobId}: {ByteSize.Format(input)} in {took:0.00} s " +
            $"({input / Math.Max(took, 1e-9) / (1 << 20):0} MiB/s); tasks: {string.Join(", ", silos)}");
    }

    private static void PrintTop(IReadOnlyList<(string Word, long Count)> top)
    {
        if (!ConsoleOutput.Interactive)
        {
            foreach (var (word, count) in top)
                Console.Out.WriteLine($"{word}\t{count}");
            return;
        }
        var table = new Table().AddColumn("word").AddColumn(new TableColumn("count").RightAligned());
        foreach (var (word, count) in top)
            table.AddRow(Markup.Escape(word), count.ToString("N0"));
        ConsoleOutput.Out.Write(table);
    }
}
