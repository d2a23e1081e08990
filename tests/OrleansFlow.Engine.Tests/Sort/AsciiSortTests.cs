using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Engine.Tests.Sort;

/// <summary>ASCII records are CR LF terminated lines, so coreutils `sort` in the C locale is an independent reference.</summary>
public sealed class AsciiSortTests
{
    [Fact]
    public async Task Sorting_ascii_records_gives_what_coreutils_sort_gives()
    {
        using var temp = new TempFolder();
        var input = await GensortWriter.GenerateAsync(100_000, temp.Sub("in"), partitions: 4, ascii: true, seed: 11);
        // Reversed, so that input order and row id order disagree for equal keys.
        var records = RecordBytes.Concat(RecordBytes.Split(input.Files.SelectMany(File.ReadAllBytes).ToArray()).Reverse());
        // sort orders lines with equal keys by the rest of the line: make some to see that we do the same.
        records.AsSpan(7 * 100, 10).CopyTo(records.AsSpan(70_000 * 100));
        records.AsSpan(7 * 100, 10).CopyTo(records.AsSpan(3 * 100));
        var inputFile = temp.Sub("input.txt");
        File.WriteAllBytes(inputFile, records);

        var ours = new byte[records.Length];
        RecordSorter.Sort(records, ours);
        var coreutils = await CoreutilsSortAsync(inputFile, temp.Sub("sorted.txt"));

        Assert.Equal(coreutils.Length, ours.Length);
        Assert.True(coreutils.AsSpan().SequenceEqual(ours), FirstDifference(coreutils, ours));
    }

    private static async Task<byte[]> CoreutilsSortAsync(string input, string output)
    {
        var sort = await ChildProcess.RunAsync("/usr/bin/sort", ["-o", output, input],
            new ChildProcessOptions { Environment = new Dictionary<string, string> { ["LC_ALL"] = "C" } });
        var errors = sort.Stderr;
        Assert.True(sort.ExitCode == 0, $"/usr/bin/sort exited {sort.ExitCode}: {errors}");
        return await File.ReadAllBytesAsync(output);
    }

    private static string FirstDifference(byte[] expected, byte[] actual)
    {
        var at = expected.AsSpan().CommonPrefixLength(actual);
        return $"first difference at byte {at} (record {at / 100})";
    }
}
