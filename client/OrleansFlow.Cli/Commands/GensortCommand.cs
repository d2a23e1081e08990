using OrleansFlow.Abstractions.Cluster;
using System.Diagnostics;
using System.Globalization;
using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>orleansflow gensort --records N --output DIR [--partitions P] [--ascii] [--seed S]</c>: local, parallel.</summary>
internal static class GensortCommand
{
    public const string Usage = """
        usage: orleansflow gensort --records N --output DIR [--partitions P] [--ascii] [--seed S] [--quiet]
          Writes N Sort Benchmark records (100 bytes: 10-byte key, row id, filler; --ascii: printable, CR LF ends)
          as files part-00000... in DIR, contiguous record ranges, generated in parallel. Seed 0 (default) gives
          gensort's own records. P defaults to one file per 128 MB. Prints the records' valsort checksum.
        """;

    private const long BytesPerDefaultPartition = 128L << 20;

    public static async Task<int> RunAsync(string[] argv, CancellationToken cancellationToken)
    {
        var args = CliArguments.Parse(argv, ["--records", "--output", "--partitions", "--seed"], ["--ascii"]);
        if (args.Help) { Console.WriteLine(Usage); return 0; }
        if (args.Positionals.Count > 0)
            throw new UsageException($"gensort takes no positional arguments (got '{args.Positionals[0]}')");
        var records = args.Value("--records") is { } r
            ? ParseLong(r, "--records")
            : throw new UsageException("gensort needs --records N");
        var output = args.Value("--output") ?? throw new UsageException("gensort needs --output DIR");
        var defaultPartitions = (int)Math.Clamp(records * SortRecord.Size / BytesPerDefaultPartition + 1, 1, 10_000);
        var partitions = args.Int("--partitions", defaultPartitions, min: 1);
        var seed = args.Value("--seed") is { } s ? (ulong)ParseLong(s, "--seed") : 0UL;

        var clock = Stopwatch.StartNew();
        var result = await GensortWriter.GenerateAsync(records, output, partitions, args.Flag("--ascii"), seed, cancellationToken: cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        if (!args.Quiet)
        {
            var bytes = records * SortRecord.Size;
            Console.Error.WriteLine($"{records} records ({ByteSize.Format(bytes)}) in {result.Files.Count} files in {output}: " +
                $"{seconds:0.00} s ({bytes / Math.Max(seconds, 1e-9) / 1e9:0.00} GB/s)");
        }
        Console.Out.WriteLine($"Records: {result.Checksum.Records}");
        Console.Out.WriteLine($"Checksum: {result.Checksum.Hex}");
        return 0;
    }

    private static long ParseLong(string text, string option) =>
        long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"option {option}: '{text}' is not a whole number ≥ 0");
}
