using OrleansFlow.Abstractions.Cluster;
using System.Text;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Client;
using OrleansFlow.Engine.Input;
using OrleansFlow.Engine.WordCount;
using Spectre.Console;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>orleansflow wordcount PATH... [--top N] [--output FILE]</c></summary>
internal static class WordCountCommand
{
    public const string Usage = """
        usage: orleansflow wordcount <file or dir>... [--top N] [--output FILE] [--reducers R]
                                     [--shuffle memory|redis|disk] [--cluster ADDR] [--quiet]
               orleansflow wordcount --generate SIZE [...]   (count SIZE, e.g. 50m, of generated sample text)
          Counts words (maximal runs of ASCII letters, lower-cased) in the files, and in the files directly inside
          each directory (hidden files skipped). With --output, writes word<TAB>count lines sorted by word;
          otherwise prints the top N words by count (default 20).
        """;

    public static async Task<int> RunAsync(string[] argv, CancellationToken cancellationToken)
    {
        var args = CliArguments.Parse(argv, ["--top", "--output", "--reducers", "--shuffle", "--split-size", "--generate"], []);
        if (args.Help) { Console.WriteLine(Usage); return 0; }
        string? generated = null;
        if (args.Value("--generate") is { } size)
        {
            var bytes = ByteSize.Parse(size, "--generate");
            generated = Path.Combine(Path.GetTempPath(), "orleansflow-sample", $"corpus-{bytes}");
            if (!Directory.Exists(generated) || Directory.EnumerateFiles(generated).Sum(f => new FileInfo(f).Length) != bytes)
            {
                if (Directory.Exists(generated)) Directory.Delete(generated, recursive: true);
                if (!args.Quiet) Console.Error.WriteLine($"generating {ByteSize.Format(bytes)} of sample text in {generated}");
                SampleCorpus.Write(generated, bytes);
            }
            args.Positionals.Add(generated);
        }
        if (args.Positionals.Count == 0)
            throw new UsageException("wordcount needs at least one file or directory (or --generate SIZE)");
        var top = args.Int("--top", 20, min: 1);
        var reducers = args.Int("--reducers", 0, min: 1);
        var shuffle = ParseShuffle(args.Value("--shuffle"));
        var splitSize = args.Value("--split-size") is { } s ? ByteSize.Parse(s, "--split-size") : 0;
        var outputFile = args.Value("--output") is { } o ? Path.GetFullPath(o) : null;

        // Check the input here first: a clear error before any silo starts.
        InputPlanner.ResolveTextFiles(args.Positionals);
        if (outputFile is not null && Path.GetDirectoryName(outputFile) is { } dir && !Directory.Exists(dir))
            throw new InputException($"output folder does not exist: {dir}");

        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var parts = Path.Combine(Path.GetTempPath(), "orleansflow-cli", Guid.NewGuid().ToString("N"));
        try
        {
            var job = await client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission
            {
                Name = "wordcount",
                Inputs = args.Positionals,
                OutputDirectory = parts,
                Reducers = reducers,
                Shuffle = shuffle,
                SplitSizeBytes = splitSize,
            });
            using var cancelOnCtrlC = CancelJobOnCtrlC(job);
            var result = await JobProgressView.WaitAsync(job, args.Quiet, cancellationToken);
            if (result.Info.Status != JobStatus.Succeeded)
                throw new JobFailedException(result.Info);
            if (!args.Quiet)
                PrintSummary(result);

            if (outputFile is not null)
            {
                await using var writer = new StreamWriter(outputFile, append: false, new UTF8Encoding(false));
                var lines = WordCountResults.MergeSorted(result.OutputFiles, writer);
                if (!args.Quiet)
                    Console.Error.WriteLine($"{job.JobId}: {lines} distinct words written to {outputFile}");
            }
            else
            {
                PrintTop(WordCountResults.Top(result.OutputFiles, top));
            }
            return 0;
        }
        finally
        {
            if (Directory.Exists(parts))
                Directory.Delete(parts, recursive: true);
        }
    }

    internal static ShuffleStoreKind ParseShuffle(string? text) => text?.ToLowerInvariant() switch
    {
        null or "memory" => ShuffleStoreKind.Memory,
        "redis" => ShuffleStoreKind.Redis,
        "disk" => ShuffleStoreKind.Disk,
        _ => throw new UsageException($"--shuffle must be memory, redis or disk (was '{text}')"),
    };

    private static void PrintSummary(JobResult result)
    {
        var info = result.Info;
        var took = (info.FinishedAt - info.SubmittedAt)?.TotalSeconds ?? 0;
        var input = info.Stages.Count > 0 ? info.Stages[0].BytesIn : 0;
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

    private static IDisposable CancelJobOnCtrlC(JobHandle job)
    {
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true; // keep the process alive until the job has stopped
            Console.Error.WriteLine($"{job.JobId}: cancelling...");
            _ = job.CancelAsync("interrupted (Ctrl+C)");
        };
        Console.CancelKeyPress += handler;
        return new Unsubscribe(() => Console.CancelKeyPress -= handler);
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

/// <summary>A job ended without success; the message is the job's error.</summary>
internal sealed class JobFailedException(JobInfo info) : Exception(
    info.Status == JobStatus.Cancelled ? $"job {info.JobId} was {info.Error ?? "cancelled"}" : $"job {info.JobId} failed: {info.Error}");
