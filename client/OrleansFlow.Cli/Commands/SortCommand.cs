using System.CommandLine;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Cli.Json;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Jobs.Sort;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>orleansflow sort --input DIR --output DIR [--shuffle memory|redis|disk] [--reducers R]</c>: TeraSort on the fabric.</summary>
internal sealed class SortCommand : Command
{
    /// <summary>What <c>sort</c> was asked to do.</summary>
    internal sealed record Settings : CommonSettings
    {
        public Settings(CommonSettings common) : base(common) { }

        public required string Input { get; init; }
        public required string Output { get; init; }
        /// <summary>0: two per live silo (more when a range would pass 512 MB).</summary>
        public int Reducers { get; init; }
        public ShuffleStoreKind Shuffle { get; init; }
        /// <summary>0: the job picks.</summary>
        public long SplitSize { get; init; }
    }

    private readonly SharedOptions _shared;
    private readonly Option<string?> _input = OptionKinds.Text("--input", "DIR", "the folder of record files to sort (gensort layout)");
    private readonly Option<string?> _output = OptionKinds.Text("--output", "DIR", "the folder for part-NNNNN (must be new or empty)");

    public SortCommand(SharedOptions shared) : base("sort",
        "TeraSort with a job on the fabric: sorts the 100-byte records of DIR's files (gensort layout). A sample of keys " +
        "gives R key ranges, map tasks partition the records into the shuffle store, reduce tasks sort a range each and " +
        "write part-NNNNN into the output directory (name order is key order). R defaults to two per live silo (more " +
        "when a range would pass 512 MB). The output directory must be new or empty.")
    {
        _shared = shared;
        Add(_input);
        Add(_output);
        Add(shared.Shuffle);
        Add(shared.Reducers);
        Add(shared.SplitSize);
        shared.AddCommonTo(this);
        shared.AddDetachTo(this);
        this.AddCheck(r =>
        {
            if (!r.IsGiven(_input)) r.AddError("sort needs --input DIR");
            else if (!r.IsGiven(_output)) r.AddError("sort needs --output DIR");
        });
        SetAction((r, cancellationToken) => RunAsync(Read(r), cancellationToken));
    }

    internal Settings Read(ParseResult r) => new(_shared.ReadCommon(r))
    {
        Input = r.GetValue(_input)!,
        Output = r.GetValue(_output)!,
        Reducers = r.GetValue(_shared.Reducers) ?? 0,
        Shuffle = r.GetValue(_shared.Shuffle),
        SplitSize = r.GetValue(_shared.SplitSize) ?? 0,
    };

    public static async Task<int> RunAsync(Settings args, CancellationToken cancellationToken)
    {
        var input = Path.GetFullPath(args.Input);
        var output = Path.GetFullPath(args.Output);
        var reducers = args.Reducers;
        var shuffle = args.Shuffle;
        var splitSize = args.SplitSize;

        // The user's mistakes, said before any silo starts.
        SortInputs.Resolve([input]);
        SortInputs.CheckOutputDirectory(output);

        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var (job, waited) = await JobWait.RunAsync(args, () => client.SubmitAsync(new SortArgs
        {
            Inputs = [input],
            OutputDirectory = output,
            Reducers = reducers,
            Shuffle = shuffle,
            SplitSizeBytes = splitSize,
        }), (submitted, token) => JobProgressView.WaitAsync(submitted, args.Quiet, token), cancellationToken);
        if (waited is not { } result)
            return JobWait.PrintDetached(job, args, output);
        if (!args.Quiet)
            PrintSummary(result);
        if (args.Json)
        {
            var info = result.Info;
            ConsoleOutput.WriteJson(new SortJson(info.JobId, (info.FinishedAt - info.StartedAt) ?? TimeSpan.Zero, InputBytes(info), output,
                result.OutputFiles, info.Stages));
        }
        else
        {
            Console.Out.WriteLine($"{result.OutputFiles.Count} files in {output}");
        }
        return 0;
    }

    private static long InputBytes(JobInfo info) => info.Stages.FirstOrDefault(stage => stage.Role == StageRole.Map)?.BytesIn ?? 0;

    private static void PrintSummary(JobResult result)
    {
        var info = result.Info;
        var seconds = (info.FinishedAt - info.StartedAt)?.TotalSeconds ?? 0;
        var bytes = InputBytes(info);
        Console.Error.WriteLine($"{info.JobId}: sorted {ByteSize.Format(bytes)} in {seconds:0.00} s ({bytes / Math.Max(seconds, 1e-9) / 1e9:0.000} GB/s)");
        foreach (var stage in info.Stages)
            Console.Error.WriteLine($"  {stage.Name,-7} {stage.TotalTasks,5} tasks  {stage.Duration?.TotalSeconds ?? 0,7:0.00} s  " +
                $"in {ByteSize.Format(stage.BytesIn),10}  out {ByteSize.Format(stage.BytesOut),10}");
    }
}
