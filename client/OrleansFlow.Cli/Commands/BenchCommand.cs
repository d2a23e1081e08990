using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Grains.Hosting;
using Spectre.Console;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>orleansflow bench tier</c>: the memory tier's throughput per transport and store, measured on a silo.</summary>
internal static class BenchCommand
{
    public const string Usage = """
        usage: orleansflow bench tier [--block-size SIZE[,SIZE...]] [--total SIZE] [--targets memcpy,local,shm,tcp,disk,redis]
                                      [--json] [--cluster ADDR]
          Writes and reads --total bytes (default 256m) in blocks of each size (default 64k,1m,16m) through every
          transport and store on one silo of the cluster, beside an in-process memcpy of the same bytes.
          The redis row appears when the silo has a Redis store (a cluster started with --cluster redis://...).
        """;

    public static async Task<int> RunAsync(string[] argv, CancellationToken cancellationToken)
    {
        var args = CliArguments.Parse(argv, ["--block-size", "--total", "--targets"], []);
        if (args.Help) { Console.WriteLine(Usage); return 0; }
        if (args.Positionals is not ["tier"])
            throw new UsageException("bench needs a subject: 'orleansflow bench tier'");
        var blockSizes = (args.Value("--block-size") ?? "64k,1m,16m").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => checked((int)ByteSize.Parse(s, "--block-size"))).ToList();
        var total = ByteSize.Parse(args.Value("--total") ?? "256m", "--total");
        var targets = args.Value("--targets")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];

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
