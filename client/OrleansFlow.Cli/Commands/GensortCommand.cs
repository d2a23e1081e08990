using System.CommandLine;
using System.CommandLine.Parsing;
using OrleansFlow.Abstractions.Cluster;
using System.Diagnostics;
using System.Globalization;
using OrleansFlow.Cli.Json;
using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>orleansflow gensort --records N --output DIR [--partitions P] [--ascii] [--seed S]</c>: local, parallel.</summary>
internal sealed class GensortCommand : Command
{
    /// <summary>What <c>gensort</c> was asked to do.</summary>
    internal sealed record Settings : CommonSettings
    {
        public Settings(CommonSettings common) : base(common) { }

        public required long Records { get; init; }
        public required string Output { get; init; }
        /// <summary>Null: one file per 128 MB.</summary>
        public int? Partitions { get; init; }
        public bool Ascii { get; init; }
        public ulong Seed { get; init; }
    }

    private const long BytesPerDefaultPartition = 128L << 20;

    private readonly SharedOptions _shared;
    private readonly Option<long?> _records = new("--records")
    {
        HelpName = "N", Description = "records to write (100 bytes each; '_' may group digits)", CustomParser = r => ParseLong(r, "--records"),
    };
    private readonly Option<string?> _output = OptionKinds.Text("--output", "DIR", "the folder for part-00000...");
    private readonly Option<int?> _partitions = OptionKinds.OptionalWholeNumber("--partitions", 1, "files to write (default: one per 128 MB)", "P");
    private readonly Option<bool> _ascii = OptionKinds.Flag("--ascii", "printable records ending in CR LF");
    private readonly Option<long?> _seed = new("--seed")
    {
        HelpName = "S", Description = "random seed; 0 (default) gives gensort's own records", CustomParser = r => ParseLong(r, "--seed"),
    };

    public GensortCommand(SharedOptions shared) : base("gensort",
        "Sort Benchmark input records: writes N records (100 bytes: 10-byte key, row id, filler) as files part-00000... " +
        "in DIR, contiguous record ranges, generated in parallel. Prints the records' valsort checksum.")
    {
        _shared = shared;
        Add(_records);
        Add(_output);
        Add(_partitions);
        Add(_ascii);
        Add(_seed);
        shared.AddCommonTo(this);
        this.AddCheck(r =>
        {
            if (!r.IsGiven(_records)) r.AddError("gensort needs --records N");
            else if (!r.IsGiven(_output)) r.AddError("gensort needs --output DIR");
        });
        SetAction((r, cancellationToken) => RunAsync(Read(r), cancellationToken));
    }

    internal Settings Read(ParseResult r) => new(_shared.ReadCommon(r))
    {
        Records = r.GetValue(_records) ?? 0,
        Output = r.GetValue(_output)!,
        Partitions = r.GetValue(_partitions),
        Ascii = r.GetValue(_ascii),
        Seed = (ulong)(r.GetValue(_seed) ?? 0),
    };

    public static async Task<int> RunAsync(Settings args, CancellationToken cancellationToken)
    {
        var records = args.Records;
        var output = args.Output;
        var defaultPartitions = (int)Math.Clamp(records * SortRecord.Size / BytesPerDefaultPartition + 1, 1, 10_000);
        var partitions = args.Partitions ?? defaultPartitions;
        var seed = args.Seed;

        var clock = Stopwatch.StartNew();
        var result = await GensortWriter.GenerateAsync(records, output, partitions, args.Ascii, seed, cancellationToken: cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        if (args.Json)
        {
            ConsoleOutput.WriteJson(new GensortJson(result.Checksum.Records, result.Checksum.Hex, result.Files.Count, output, clock.Elapsed));
            return 0;
        }
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

    private static long? ParseLong(ArgumentResult r, string option)
    {
        if (r.Tokens.Count == 0) return null;
        var text = r.Tokens[0].Value;
        if (long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return value;
        r.AddError($"option {option}: '{text}' is not a whole number ≥ 0");
        return null;
    }
}
