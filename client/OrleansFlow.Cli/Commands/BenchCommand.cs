using System.CommandLine;
using System.CommandLine.Parsing;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Grains.Hosting;
using Spectre.Console;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>orleansflow bench tier</c>: the memory tier's throughput per transport and store, measured on a silo.</summary>
internal sealed class BenchCommand : Command
{
    /// <summary>What <c>bench tier</c> was asked to measure.</summary>
    internal sealed record Settings : CommonSettings
    {
        public Settings(CommonSettings common) : base(common) { }

        public required List<int> BlockSizes { get; init; }
        public required long Total { get; init; }
        /// <summary>Empty: every transport and store.</summary>
        public required List<string> Targets { get; init; }
    }

    private readonly SharedOptions _shared;
    private readonly Option<List<int>?> _blockSizes = new("--block-size")
    {
        HelpName = "SIZE[,SIZE...]",
        Description = "block sizes (default 64k,1m,16m)",
        CustomParser = r => r.Tokens.Count == 0 ? null : [.. r.Tokens[0].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => BlockSize(r, s))],
    };
    private readonly Option<long?> _total = OptionKinds.Size("--total", "bytes written and read per block size (default 256m)");
    private readonly Option<List<string>?> _targets = new("--targets")
    {
        HelpName = "memcpy,local,shm,tcp,disk,redis",
        Description = "what to measure (default: all)",
        CustomParser = r => r.Tokens.Count == 0 ? null : [.. r.Tokens[0].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
    };

    public BenchCommand(SharedOptions shared) : base("bench", "Measure the fabric.")
    {
        _shared = shared;
        var tier = new Command("tier",
            "Memory tier throughput per transport and store: writes and reads --total bytes in blocks of each size through " +
            "every transport and store on one silo of the cluster, beside an in-process memcpy of the same bytes. The redis " +
            "row appears when the silo has a Redis store (a cluster started with --cluster redis://...).")
        {
            _blockSizes,
            _total,
            _targets,
        };
        shared.AddCommonTo(tier);
        tier.SetAction((r, cancellationToken) => RunAsync(Read(r), cancellationToken));
        Add(tier);
    }

    internal Settings Read(ParseResult r) => new(_shared.ReadCommon(r))
    {
        BlockSizes = r.GetValue(_blockSizes) is { Count: > 0 } sizes ? sizes : [64 << 10, 1 << 20, 16 << 20],
        Total = r.GetValue(_total) ?? 256L << 20,
        Targets = r.GetValue(_targets) ?? [],
    };

    private static int BlockSize(ArgumentResult r, string text)
    {
        if (OptionKinds.ParseSize(r, "--block-size", text) is not { } size) return 0;
        if (size <= int.MaxValue) return (int)size;
        r.AddError($"--block-size: '{text}' is too large for a block (under 2g)");
        return 0;
    }

    public static async Task<int> RunAsync(Settings args, CancellationToken cancellationToken)
    {
        var blockSizes = args.BlockSizes;
        var total = args.Total;
        var targets = args.Targets;

        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var silo = (await client.GetClusterAsync()).First().Silo;
        if (!args.Quiet && !args.Json)
            Console.Error.WriteLine($"measuring on silo {silo} ...");
        var rows = await client.Orleans.GetGrain<IExecutorGrain>(silo).BenchmarkTier(new TierBenchmarkRequest(blockSizes, total, targets));
        if (args.Json)
        {
            ConsoleOutput.WriteJson(rows);
            return 0;
        }
        var table = new Table().AddColumns("target", "block", "blocks per call", "write GB/s", "read GB/s", "write / memcpy", "read / memcpy");
        foreach (var r in rows)
        {
            var memcpy = rows.FirstOrDefault(m => m.Target == "memcpy" && m.BlockSize == r.BlockSize);
            table.AddRow(r.Target, ByteSize.Format(r.BlockSize), r.BlocksPerBatch.ToString(), $"{r.WriteGBps:0.00}", $"{r.ReadGBps:0.00}",
                memcpy is { WriteGBps: > 0 } ? $"{r.WriteGBps / memcpy.WriteGBps:P0}" : "-",
                memcpy is { ReadGBps: > 0 } ? $"{r.ReadGBps / memcpy.ReadGBps:P0}" : "-");
        }
        ConsoleOutput.Out.Write(table);
        return 0;
    }
}
