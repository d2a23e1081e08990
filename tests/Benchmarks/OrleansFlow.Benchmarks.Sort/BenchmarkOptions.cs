using System.Globalization;

namespace OrleansFlow.Benchmarks.Sort;

/// <summary>Which sort path the benchmark runs.</summary>
internal enum SortMode
{
    /// <summary>One block: extract keys, radix/sort entries, gather (only for inputs under 2 GB).</summary>
    Single,

    /// <summary>TeraSort in one process: sample, range-partition blocks, then sort each partition.</summary>
    Partitioned,

    /// <summary>Single when the input fits one block, else partitioned.</summary>
    Auto,
}

/// <summary>
/// Command line: --gb N | --records N, --threads T, --runs K, --mode single|partitioned|auto, --ascii, --block-mb M,
/// --kernels R (also time partitioning into R buckets and checksumming), --files DIR [--output DIR] (instead: reference
/// (a2), the record files of DIR read, sorted and written to one file in the output folder).
/// </summary>
internal sealed record BenchmarkOptions(
    long Records, int Threads, int Runs, SortMode Mode, bool Ascii, int BlockMegabytes, int KernelPartitions, string? InputFiles, string OutputDirectory)
{
    public long Bytes => Records * 100;

    public static BenchmarkOptions Parse(string[] args)
    {
        long records = 10_000_000;
        int threads = Environment.ProcessorCount, runs = 3, blockMegabytes = 256, kernelPartitions = 0;
        var mode = SortMode.Auto;
        var ascii = false;
        string? inputFiles = null;
        var outputDirectory = Path.Combine(Path.GetTempPath(), $"orleansflow-sort-a2-{Environment.ProcessId}");
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--gb":
                    records = (long)(double.Parse(Value(), CultureInfo.InvariantCulture) * 1e9 / 100);
                    break;
                case "--records":
                    records = long.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--threads":
                    threads = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--runs":
                    runs = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--mode":
                    mode = Enum.Parse<SortMode>(Value(), ignoreCase: true);
                    break;
                case "--block-mb":
                    blockMegabytes = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--kernels":
                    kernelPartitions = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--files":
                    inputFiles = Value();
                    break;
                case "--output":
                    outputDirectory = Value();
                    break;
                case "--ascii":
                    ascii = true;
                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown argument '{args[i]}'. Use --gb N | --records N, --threads T, --runs K, --mode single|partitioned|auto, --ascii, --block-mb M, --kernels R, --files DIR [--output DIR].");
            }
        }
        if (records < 1 || threads < 1 || runs < 1 || blockMegabytes < 1 || kernelPartitions < 0)
        {
            throw new ArgumentException("Sizes, threads, runs and block size must be positive.");
        }
        return new BenchmarkOptions(records, threads, runs, mode, ascii, blockMegabytes, kernelPartitions, inputFiles, outputDirectory);
    }
}
