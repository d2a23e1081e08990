using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Jobs.Sort;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>orleansflow sort --input DIR --output DIR [--shuffle memory|redis|disk] [--reducers R]</c>: TeraSort on the fabric.</summary>
internal static class SortCommand
{
    public const string Usage = """
        usage: orleansflow sort --input DIR --output DIR [--shuffle memory|redis|disk] [--reducers R]
                                [--split-size SIZE] [--cluster ADDR] [--quiet]
          Sorts the 100-byte records of DIR's files (gensort layout) with a job on the fabric: a sample of keys
          gives R key ranges, map tasks partition the records into the shuffle store, reduce tasks sort a range
          each and write part-NNNNN into the output directory (name order is key order). R defaults to two per
          live silo (more when a range would pass 512 MB). The output directory must be new or empty.
        """;

    public static async Task<int> RunAsync(string[] argv, CancellationToken cancellationToken)
    {
        var args = CliArguments.Parse(argv, ["--input", "--output", "--reducers", "--shuffle", "--split-size"], []);
        if (args.Help) { Console.WriteLine(Usage); return 0; }
        if (args.Positionals.Count > 0)
            throw new UsageException($"sort takes no positional arguments (got '{args.Positionals[0]}'); use --input DIR");
        var input = Path.GetFullPath(args.Value("--input") ?? throw new UsageException("sort needs --input DIR"));
        var output = Path.GetFullPath(args.Value("--output") ?? throw new UsageException("sort needs --output DIR"));
        var reducers = args.Int("--reducers", 0, min: 1);
        var shuffle = WordCountCommand.ParseShuffle(args.Value("--shuffle"));
        var splitSize = args.Value("--split-size") is { } s ? ByteSize.Parse(s, "--split-size") : 0;

        // The user's mistakes, said before any silo starts.
        SortInputs.Resolve([input]);
        SortInputs.CheckOutputDirectory(output);

        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var job = await client.SubmitAsync(new SortArgs
        {
            Inputs = [input],
            OutputDirectory = output,
            Reducers = reducers,
            Shuffle = shuffle,
            SplitSizeBytes = splitSize,
        });
        ConsoleCancelEventHandler cancelJob = (_, e) =>
        {
            e.Cancel = true; // keep the process alive until the job has stopped
            Console.Error.WriteLine($"{job.JobId}: cancelling...");
            _ = job.CancelAsync("interrupted (Ctrl+C)");
        };
        Console.CancelKeyPress += cancelJob;
        try
        {
            var result = await JobProgressView.WaitAsync(job, args.Quiet, cancellationToken);
            if (result.Info.Status != JobStatus.Succeeded)
                throw new JobFailedException(result.Info);
            if (!args.Quiet)
                PrintSummary(result);
            Console.Out.WriteLine($"{result.OutputFiles.Count} files in {output}");
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= cancelJob;
        }
    }

    private static void PrintSummary(JobResult result)
    {
        var info = result.Info;
        var seconds = (info.FinishedAt - info.StartedAt)?.TotalSeconds ?? 0;
        var bytes = info.Stages.FirstOrDefault(stage => stage.Role == StageRole.Map)?.BytesIn ?? 0;
        Console.Error.WriteLine($"{info.JobId}: sorted {ByteSize.Format(bytes)} in {seconds:0.00} s ({bytes / Math.Max(seconds, 1e-9) / 1e9:0.000} GB/s)");
        foreach (var stage in info.Stages)
            Console.Error.WriteLine($"  {stage.Name,-7} {stage.TotalTasks,5} tasks  {stage.Duration?.TotalSeconds ?? 0,7:0.00} s  " +
                $"in {ByteSize.Format(stage.BytesIn),10}  out {ByteSize.Format(stage.BytesOut),10}");
    }
}
