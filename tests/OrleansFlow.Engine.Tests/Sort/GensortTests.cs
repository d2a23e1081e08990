using System.IO.Hashing;
using System.Text;
using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Engine.Tests.Sort;

/// <summary>
/// The generator against values printed by the Sort Benchmark's own gensort 1.5 (built from its C source):
/// `gensort -a -c 10000`, `gensort -a -b1000000 3`, and the keys of `gensort 10000` (gensort 1.5 fills a binary
/// record after the key differently from 1.2–1.4, so only binary keys are compared; the layout after the key is
/// 1.2–1.4's, checked field by field).
/// </summary>
public sealed class GensortTests
{
    [Fact]
    public void Ascii_records_match_gensort()
    {
        var block = RecordBytes.Generate(10_000, ascii: true);

        Assert.Equal("AsfAGHM5om  00000000000000000000000000000000  0000222200002222000022220000222200002222000000001111\r\n",
            Encoding.ASCII.GetString(block, 0, SortRecord.Size));
        Assert.Equal(0x3d982c2eu, Crc32.HashToUInt32(block)); // crc32 of gensort's whole 10,000-record file
        Assert.Equal("138005ce70eb", RecordChecksum.Of(block).Hex); // gensort -c
    }

    [Fact]
    public void Skip_ahead_matches_gensort_starting_record()
    {
        var block = RecordBytes.Generate(3, ascii: true, first: 1_000_000);

        Assert.Equal("}#GV9O0\\FG  000000000000000000000000000F4240  AAAA3333000099994444BBBB11111111999944444444CCCC1111\r\n",
            Encoding.ASCII.GetString(block, 0, SortRecord.Size));
        Assert.Equal("192e16cf4", RecordChecksum.Of(block).Hex);
    }

    [Fact]
    public void Binary_keys_match_gensort()
    {
        var block = RecordBytes.Generate(10_000, ascii: false);
        var keys = RecordBytes.Split(block).SelectMany(RecordBytes.Key).ToArray();

        Assert.Equal("JimGrayRIP"u8.ToArray(), keys[..10]);
        Assert.Equal("95E0E48262B3EDFE0447", Convert.ToHexString(keys, 10, 10));
        Assert.Equal(0x17bdb44bu, Crc32.HashToUInt32(keys));
        Assert.Equal("32C9AF20BFF42DF02CAA", Convert.ToHexString(RecordBytes.Generate(1, false, first: 1_000_000), 0, 10));
    }

    [Fact]
    public void Million_record_checksums_are_the_known_ones()
    {
        // ASCII: gensort -a 1000000 wrote the same bytes, and valsort printed this checksum for them.
        Assert.Equal("7a19cff467438", RecordChecksum.Of(RecordBytes.Generate(1_000_000, ascii: true)).Hex);
        // Binary (1.2–1.4 layout, which gensort 1.5 no longer writes): what valsort 1.5 printed for these records.
        Assert.Equal("7a27e2d0d55de", RecordChecksum.Of(RecordBytes.Generate(1_000_000, ascii: false)).Hex);
    }

    [Fact]
    public void Binary_record_has_gensort_layout_after_the_key()
    {
        var record = RecordBytes.Generate(1, ascii: false, first: 0x1234ABCD);

        Assert.Equal(new byte[] { 0x00, 0x11 }, record[10..12]);
        Assert.Equal("000000000000000000000000" + "1234ABCD", Encoding.ASCII.GetString(record, 12, 32));
        Assert.Equal(new byte[] { 0x88, 0x99, 0xAA, 0xBB }, record[44..48]);
        Assert.Equal(new byte[] { 0xCC, 0xDD, 0xEE, 0xFF }, record[96..100]);
        var filler = Encoding.ASCII.GetString(record, 48, 48);
        for (var group = 0; group < 12; group++)
        {
            Assert.Equal(new string(filler[group * 4], 4), filler.Substring(group * 4, 4));
            Assert.Contains(filler[group * 4], "0123456789ABCDEF");
        }
    }

    [Fact]
    public async Task Files_are_the_same_bytes_whatever_the_partition_count()
    {
        using var temp = new TempFolder();
        var one = await GensortWriter.GenerateAsync(25_003, temp.Sub("one"), partitions: 1, ascii: false, seed: 7);
        var seven = await GensortWriter.GenerateAsync(25_003, temp.Sub("seven"), partitions: 7, ascii: false, seed: 7);

        var whole = File.ReadAllBytes(Assert.Single(one.Files));
        var joined = seven.Files.SelectMany(File.ReadAllBytes).ToArray();
        Assert.Equal(7, seven.Files.Count);
        Assert.Equal(whole, joined);
        Assert.Equal(RecordChecksum.Of(whole), one.Checksum);
        Assert.Equal(one.Checksum, seven.Checksum);
        Assert.Equal(seven.Files, RecordFiles.List(temp.Sub("seven")));
    }

    [Fact]
    public async Task More_partitions_than_records_leaves_empty_files()
    {
        using var temp = new TempFolder();
        var output = await GensortWriter.GenerateAsync(3, temp.Path, partitions: 5, ascii: true, seed: 0);

        Assert.Equal([0L, 100, 0, 100, 100], output.Files.Select(f => new FileInfo(f).Length));
        Assert.Equal(RecordBytes.Generate(3, ascii: true), output.Files.SelectMany(File.ReadAllBytes).ToArray());
        Assert.Equal(3, (await Valsort.ValidateAsync(temp.Path)).Records);
    }

    [Fact]
    public async Task Refuses_a_directory_with_record_files_it_would_not_overwrite()
    {
        using var temp = new TempFolder();
        await GensortWriter.GenerateAsync(100, temp.Path, partitions: 4, ascii: false, seed: 0);
        await GensortWriter.GenerateAsync(100, temp.Path, partitions: 4, ascii: false, seed: 1); // same files: fine

        var error = await Assert.ThrowsAsync<IOException>(() => GensortWriter.GenerateAsync(100, temp.Path, partitions: 2, ascii: false, seed: 0));

        Assert.Contains("part-00002", error.Message);
        Assert.Contains(temp.Path, error.Message);
    }

    [Fact]
    public void Seed_changes_the_records_and_zero_is_gensort()
    {
        var gensort = RecordBytes.Generate(100, ascii: false, seed: 0);
        var seeded = RecordBytes.Generate(100, ascii: false, seed: 42);
        var again = RecordBytes.Generate(100, ascii: false, seed: 42);

        Assert.Equal(seeded, again);
        Assert.NotEqual(gensort[..10], seeded[..10]);
        Assert.Equal(gensort[10..48], seeded[10..48]); // the row ids do not depend on the seed
    }

    [Fact]
    public void Rejects_buffer_that_is_not_whole_records()
    {
        var error = Assert.Throws<InvalidDataException>(() => GensortRecords.Generate(new byte[250], 0, false, 0));
        Assert.Contains("250 bytes", error.Message);
    }
}
