using OrleansFlow.Jobs.Sort;
using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>orleansflow valsort DIR</c>: global order, count, duplicates and checksum of a directory of record files.</summary>
internal static class ValsortCommand
{
    public const string Usage = """
        usage: orleansflow valsort DIR [--quiet]
          Reads DIR's record files in name order as one sequence (names starting with '.' or '_' skipped) and prints
          the record count, the checksum (sum of per-record CRC-32, as valsort), duplicate keys, and SUCCESS or the
          first record out of order. Exit code 1 when the records are not in order.
        """;

    public static async Task<int> RunAsync(string[] argv, CancellationToken cancellationToken)
    {
        var args = CliArguments.Parse(argv, [], []);
        if (args.Help) { Console.WriteLine(Usage); return 0; }
        if (args.Positionals.Count != 1)
            throw new UsageException("valsort needs exactly one directory");
        var directory = args.Positionals[0];
        SortInputs.Resolve([directory]);
        var result = await Valsort.ValidateAsync(directory, cancellationToken: cancellationToken);
        Console.Out.Write(result.Report());
        return result.IsSorted ? 0 : 1;
    }
}
