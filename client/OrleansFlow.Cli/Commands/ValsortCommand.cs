using System.CommandLine;
using OrleansFlow.Jobs.Sort;
using OrleansFlow.Cli.Json;
using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>orleansflow valsort DIR</c>: global order, count, duplicates and checksum of a directory of record files.</summary>
internal sealed class ValsortCommand : Command
{
    /// <summary>What <c>valsort</c> was asked to check.</summary>
    internal sealed record Settings : CommonSettings
    {
        public Settings(CommonSettings common) : base(common) { }

        public required string Directory { get; init; }
    }

    private readonly SharedOptions _shared;
    private readonly Argument<List<string>> _directory = new Argument<List<string>>("DIR")
    {
        Arity = ArgumentArity.ZeroOrMore, Description = "the folder of record files",
    };

    public ValsortCommand(SharedOptions shared) : base("valsort",
        "Check order, count and checksum of record files: reads DIR's record files in name order as one sequence (names " +
        "starting with '.' or '_' skipped) and prints the record count, the checksum (sum of per-record CRC-32, as " +
        "valsort), duplicate keys, and SUCCESS or the first record out of order. Exit code 1 when the records are not in order.")
    {
        _shared = shared;
        Add(_directory);
        shared.AddCommonTo(this);
        this.AddCheck(r =>
        {
            if (r.GetValue(_directory) is not { Count: 1 })
                r.AddError("valsort needs exactly one directory");
        });
        SetAction((r, cancellationToken) => RunAsync(Read(r), cancellationToken));
    }

    internal Settings Read(ParseResult r) => new(_shared.ReadCommon(r)) { Directory = r.GetValue(_directory)![0] };

    public static async Task<int> RunAsync(Settings args, CancellationToken cancellationToken)
    {
        var directory = args.Directory;
        SortInputs.Resolve([directory]);
        var result = await Valsort.ValidateAsync(directory, cancellationToken: cancellationToken);
        if (args.Json)
            ConsoleOutput.WriteJson(new ValsortJson(result.Files, result.Records, result.Checksum.Hex, result.DuplicateKeys, result.IsSorted,
                result.UnorderedRecords, result.FirstUnordered?.ToString()));
        else
            Console.Out.Write(result.Report());
        return result.IsSorted ? 0 : 1;
    }
}
