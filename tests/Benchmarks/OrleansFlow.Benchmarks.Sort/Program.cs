using System.Diagnostics;
using System.Globalization;
using OrleansFlow.Benchmarks.Sort;
using OrleansFlow.Engine.Sort;

// Baseline (a) of the TeraSort comparison: how fast this machine sorts gensort records in one process, in memory.
var options = BenchmarkOptions.Parse(args);
if (options.InputFiles is { } inputFiles)
{
    await FileToFile(inputFiles, options);
    return;
}
var mode = options.Mode == SortMode.Auto
    ? (options.Bytes <= Array.MaxLength / 2 ? SortMode.Single : SortMode.Partitioned)
    : options.Mode;
if (mode == SortMode.Single && options.Bytes > Array.MaxLength)
{
    throw new ArgumentException($"--mode single holds the input in one array: at most {Array.MaxLength / SortRecord.Size} records.");
}
var blockRecords = mode == SortMode.Single ? options.Records : options.BlockMegabytes * 1_000_000L / SortRecord.Size;

Console.WriteLine($"gensort {(options.Ascii ? "ASCII" : "binary")} records: {options.Records:N0} ({options.Bytes / 1e9:F2} GB); " +
    $"mode {mode}; threads {options.Threads} of {Environment.ProcessorCount} cores; runs {options.Runs}; .NET {Environment.Version}");

var generateClock = Stopwatch.StartNew();
var input = InMemoryInput.Generate(options.Records, blockRecords, options.Ascii, options.Threads);
Console.WriteLine($"generated in {generateClock.Elapsed.TotalSeconds:F2} s ({options.Bytes / 1e9 / generateClock.Elapsed.TotalSeconds:F2} GB/s); input {input.Checksum}");

if (options.KernelPartitions > 0)
{
    var destination = GC.AllocateUninitializedArray<byte>(input.Blocks.Max(b => b!.Length));
    for (var run = 1; run <= options.Runs; run++)
    {
        var partition = KernelRuns.Partition(input, options.KernelPartitions, options.Threads, destination);
        var checksum = KernelRuns.Checksum(input, options.Threads);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kernels run {run}: partition into {options.KernelPartitions} buckets {options.Bytes / 1e9 / partition:F2} GB/s; checksum {options.Bytes / 1e9 / checksum:F2} GB/s"));
    }
}

var output = mode == SortMode.Single ? GC.AllocateUninitializedArray<byte>((int)options.Bytes) : null;
var releaseInput = options.Runs == 1;
var workspace = mode == SortMode.Single ? [] : releaseInput
    ? [GC.AllocateUninitializedArray<byte>(input.Blocks[0]!.Length)]
    : input.Blocks.Select(b => GC.AllocateUninitializedArray<byte>(b!.Length)).ToArray();
// Partitions are about one block each; twice that leaves room for sampling error.
var sortedPartition = mode == SortMode.Single ? [] : GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, 2 * blockRecords * SortRecord.Size));
var timings = new List<SortTiming>();
for (var run = 1; run <= options.Runs; run++)
{
    var timing = mode == SortMode.Single
        ? SortRuns.SingleBlock(input, output!, options.Threads)
        : SortRuns.Partitioned(input, workspace, sortedPartition, options.Threads, releaseInput);
    timings.Add(timing);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run}: {timing.Total:F3} s = {options.Bytes / 1e9 / timing.Total:F2} GB/s " +
        $"(sample {timing.Sample:F3} s, partition {timing.Partition:F3} s, sort {timing.SortPartitions:F3} s); output valid"));
}

var best = timings.MinBy(t => t.Total)!;
var median = timings.OrderBy(t => t.Total).ElementAt(timings.Count / 2);
using var self = Process.GetCurrentProcess();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT mode={mode} gb={options.Bytes / 1e9:F2} threads={options.Threads} best_s={best.Total:F3} best_gbps={options.Bytes / 1e9 / best.Total:F2} " +
    $"median_gbps={options.Bytes / 1e9 / median.Total:F2} gb_per_min_per_core={options.Bytes / 1e9 / best.Total * 60 / options.Threads:F1} " +
    $"peak_rss_mb={self.PeakWorkingSet64 / 1e6:F0}"));

// Reference (a2): the job's work without the fabric — input files read, sorted in memory, one output file written.
static async Task FileToFile(string inputDirectory, BenchmarkOptions options)
{
    var runs = new FileToFileRuns(inputDirectory, options.Threads);
    Console.WriteLine($"file to file: {inputDirectory} ({runs.Bytes / 1e9:F2} GB) -> {options.OutputDirectory}; threads {options.Threads}; runs {options.Runs}");
    var timings = new List<FileSortTiming>();
    for (var run = 1; run <= options.Runs; run++)
    {
        var timing = runs.Run(options.OutputDirectory);
        await runs.CheckAsync(options.OutputDirectory);
        timings.Add(timing);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {run}: {timing.Total:F3} s = {runs.Bytes / 1e9 / timing.Total:F2} GB/s (read {timing.Read:F3} s, sort + write {timing.SortAndWrite:F3} s of which file writes {timing.Writing:F3} s); output valid"));
    }
    Directory.Delete(options.OutputDirectory, recursive: true);
    var best = timings.MinBy(t => t.Total)!;
    var median = timings.OrderBy(t => t.Total).ElementAt(timings.Count / 2);
    using var self = Process.GetCurrentProcess();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RESULT mode=files gb={runs.Bytes / 1e9:F2} threads={options.Threads} best_s={best.Total:F3} best_gbps={runs.Bytes / 1e9 / best.Total:F2} " +
        $"median_gbps={runs.Bytes / 1e9 / median.Total:F2} peak_rss_mb={self.PeakWorkingSet64 / 1e6:F0}"));
}
