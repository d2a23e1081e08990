using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Engine.Tests.Sort;

public sealed class ValsortTests
{
    [Fact]
    public async Task Sorted_output_passes_with_the_inputs_checksum()
    {
        using var temp = new TempFolder();
        var input = await GensortWriter.GenerateAsync(100_000, temp.Sub("in"), partitions: 3, ascii: false, seed: 1);
        var records = input.Files.SelectMany(File.ReadAllBytes).ToArray();
        var sorted = new byte[records.Length];
        RecordSorter.Sort(records, sorted);
        WriteInPieces(sorted, temp.Sub("out"), pieces: 4);

        var inputResult = await Valsort.ValidateAsync(temp.Sub("in"));
        var outputResult = await Valsort.ValidateAsync(temp.Sub("out"));
        var smallRanges = await Valsort.ValidateAsync(temp.Sub("out"), rangeRecords: 999);

        Assert.False(inputResult.IsSorted); // random input: the validator does look at order
        Assert.Equal(input.Checksum, await Valsort.ChecksumAsync(temp.Sub("in")));
        Assert.True(outputResult.IsSorted, outputResult.Report());
        Assert.Null(outputResult.FirstUnordered);
        Assert.Equal(100_000, outputResult.Records);
        Assert.Equal(input.Checksum, outputResult.Checksum);
        Assert.Equal(4, outputResult.Files);
        Assert.Contains("SUCCESS", outputResult.Report());
        Assert.Equal(outputResult, smallRanges);
    }

    [Theory]
    [InlineData(Valsort.DefaultRangeRecords)]
    [InlineData(1234)] // the disorder is at the start of a scan range
    [InlineData(100)] // ... inside a range, after many ranges
    public async Task Finds_the_first_out_of_order_record_inside_a_file(int rangeRecords)
    {
        using var temp = new TempFolder();
        var sorted = SortedRecords(5_000, seed: 2);
        // Move record 1234's key below its predecessor's: swap records 1233 and 1234.
        Swap(sorted, 1233, 1234);
        WriteInPieces(sorted, temp.Path, pieces: 2); // file 0 holds records 0..2499

        var result = await Valsort.ValidateAsync(temp.Path, rangeRecords: rangeRecords);

        Assert.False(result.IsSorted);
        Assert.Equal(new RecordPosition(Path.Combine(temp.Path, "part-00000"), 1234), result.FirstUnordered);
        Assert.Equal(1, result.UnorderedRecords);
        Assert.Contains("ERROR - there are 1 unordered records", result.Report());
    }

    [Fact]
    public async Task Finds_disorder_across_a_file_boundary()
    {
        using var temp = new TempFolder();
        var sorted = SortedRecords(3_000, seed: 3);
        // File 0 gets records 0..999 plus the last record on its end; file 1 starts lower than that.
        File.WriteAllBytes(Path.Combine(temp.Path, "part-0"), [.. sorted[..(1000 * 100)], .. sorted[^100..]]);
        File.WriteAllBytes(Path.Combine(temp.Path, "part-1"), sorted[(1000 * 100)..^100]);

        var result = await Valsort.ValidateAsync(temp.Path);

        Assert.Equal(new RecordPosition(Path.Combine(temp.Path, "part-1"), 0), result.FirstUnordered);
        Assert.Equal(1, result.UnorderedRecords);
        Assert.Equal(3_000, result.Records);
    }

    [Theory]
    [InlineData(Valsort.DefaultRangeRecords)]
    [InlineData(7)]
    public async Task Counts_duplicate_keys_like_a_plain_scan(int rangeRecords)
    {
        using var temp = new TempFolder();
        var records = RecordBytes.Split(RecordBytes.Generate(4_000, ascii: false, seed: 4));
        // Give runs of records the same key.
        foreach (var (from, to) in new[] { (10, 13), (500, 501), (1998, 2003), (3990, 3999) })
        {
            for (var i = from + 1; i <= to; i++)
            {
                records[from].AsSpan(0, 10).CopyTo(records[i]);
            }
        }
        var sorted = records.OrderBy(r => r, RecordBytes.Memcmp).ToArray();
        var duplicateAt = Enumerable.Range(1, sorted.Length - 1)
            .Where(i => RecordBytes.Key(sorted[i]).AsSpan().SequenceEqual(RecordBytes.Key(sorted[i - 1])))
            .ToArray();
        // Cut the files inside a run of equal keys, so one duplicate is the first record of the second file.
        var cut = duplicateAt[4];
        File.WriteAllBytes(Path.Combine(temp.Path, "part-0"), RecordBytes.Concat(sorted[..cut]));
        File.WriteAllBytes(Path.Combine(temp.Path, "part-1"), RecordBytes.Concat(sorted[cut..]));

        var result = await Valsort.ValidateAsync(temp.Path, rangeRecords: rangeRecords);

        Assert.True(result.IsSorted);
        Assert.Equal(3 + 1 + 5 + 9, duplicateAt.Length);
        Assert.Equal(duplicateAt.Length, result.DuplicateKeys);
    }

    [Fact]
    public async Task Checksum_sees_a_changed_byte_outside_the_key()
    {
        using var temp = new TempFolder();
        var sorted = SortedRecords(1_000, seed: 5);
        WriteInPieces(sorted, temp.Sub("a"), pieces: 1);
        sorted[500 * 100 + 57] ^= 0x01;
        WriteInPieces(sorted, temp.Sub("b"), pieces: 1);

        var a = await Valsort.ValidateAsync(temp.Sub("a"));
        var b = await Valsort.ValidateAsync(temp.Sub("b"));

        Assert.True(a.IsSorted && b.IsSorted);
        Assert.NotEqual(a.Checksum, b.Checksum);
    }

    [Fact]
    public async Task Names_the_file_that_is_not_whole_records()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "part-00000");
        File.WriteAllBytes(path, new byte[1050]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Valsort.ValidateAsync(temp.Path));

        Assert.Contains(path, error.Message);
        Assert.Contains("50 bytes left over", error.Message);
    }

    [Fact]
    public async Task Names_a_missing_directory()
    {
        var missing = Path.Combine(Path.GetTempPath(), "orleansflow-no-such-dir-" + Guid.NewGuid().ToString("N"));
        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Valsort.ValidateAsync(missing));
        Assert.Contains(missing, error.Message);
    }

    private static byte[] SortedRecords(int count, ulong seed) =>
        RecordBytes.Concat(RecordBytes.Split(RecordBytes.Generate(count, ascii: false, seed)).OrderBy(r => r, RecordBytes.Memcmp));

    private static void Swap(byte[] block, int a, int b)
    {
        var first = block.AsSpan(a * 100, 100).ToArray();
        block.AsSpan(b * 100, 100).CopyTo(block.AsSpan(a * 100));
        first.CopyTo(block.AsSpan(b * 100));
    }

    private static void WriteInPieces(byte[] block, string directory, int pieces)
    {
        Directory.CreateDirectory(directory);
        var count = block.Length / SortRecord.Size;
        for (var p = 0; p < pieces; p++)
        {
            var start = (int)GensortWriter.PartitionStart(count, pieces, p);
            var end = (int)GensortWriter.PartitionStart(count, pieces, p + 1);
            File.WriteAllBytes(Path.Combine(directory, RecordFiles.PartitionFileName(p, pieces)), block[(start * 100)..(end * 100)]);
        }
    }
}
