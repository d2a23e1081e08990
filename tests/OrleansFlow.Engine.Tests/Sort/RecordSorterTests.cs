using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Engine.Tests.Sort;

public sealed class RecordSorterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1_000)]
    [InlineData(250_000)] // cut into slices per core
    public void Sorts_like_linq_order_by_whole_record(int count)
    {
        var block = RecordBytes.Generate(count, ascii: false, seed: 31);
        var expected = RecordBytes.Concat(RecordBytes.Split(block).OrderBy(r => r, RecordBytes.Memcmp));
        var sorted = new byte[block.Length];

        RecordSorter.Sort(block, sorted);

        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void Orders_equal_keys_by_the_rest_of_the_record()
    {
        var records = RecordBytes.Split(RecordBytes.Generate(5_000, ascii: false, seed: 32));
        // Many equal keys, and keys equal in the 8-byte prefix but not in the last two bytes.
        for (var i = 0; i < records.Length; i += 3)
        {
            records[0].AsSpan(0, 10).CopyTo(records[i]);
            if (i % 2 == 0)
            {
                records[i][9] ^= 0x5A;
            }
        }
        var block = RecordBytes.Concat(records.Reverse());
        var expected = RecordBytes.Concat(records.OrderBy(r => r, RecordBytes.Memcmp));

        RecordSorter.SortInPlace(block);

        Assert.Equal(expected, block);
    }

    [Fact]
    public void Sorts_skewed_keys_that_share_their_top_bytes()
    {
        var records = RecordBytes.Split(RecordBytes.Generate(100_000, ascii: false, seed: 33));
        foreach (var record in records)
        {
            record[0] = 0x42; // every entry falls into one radix bucket
            record[1] = (byte)(record[1] & 0x03);
        }
        var block = RecordBytes.Concat(records);
        var sorted = new byte[block.Length];

        RecordSorter.Sort(block, sorted, maxDegreeOfParallelism: 2);

        Assert.Equal(RecordBytes.Concat(records.OrderBy(r => r, RecordBytes.Memcmp)), sorted);
    }

    [Fact]
    public void Sorts_several_blocks_into_one_output()
    {
        var records = RecordBytes.Split(RecordBytes.Generate(180_000, ascii: true, seed: 34));
        for (var i = 0; i < records.Length; i += 997)
        {
            records[5].AsSpan(0, 10).CopyTo(records[i]); // equal keys in different blocks
        }
        var sizes = new[] { 0, 1, 70_000, 0, 3, 99_996, 10_000 };
        var blocks = new List<ReadOnlyMemory<byte>>();
        var taken = 0;
        foreach (var size in sizes)
        {
            blocks.Add(RecordBytes.Concat(records.Skip(taken).Take(size)));
            taken += size;
        }
        var sorted = new byte[taken * 100];

        RecordSorter.Sort(blocks, sorted);

        Assert.Equal(records.Length, taken);
        Assert.Equal(RecordBytes.Concat(records.OrderBy(r => r, RecordBytes.Memcmp)), sorted);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(777, 2)] // pieces that end inside a group of buckets, two buffers in turn
    [InlineData(30_000, 3)]
    public void Hands_out_pieces_in_key_order_while_later_buckets_are_still_unsorted(int pieceRecords, int buffers)
    {
        var records = RecordBytes.Split(RecordBytes.Generate(60_000, ascii: false, seed: 35));
        var blocks = new List<ReadOnlyMemory<byte>>
        {
            RecordBytes.Concat(records.Take(25_000)), RecordBytes.Concat(records.Skip(25_000)),
        };
        var pieceBuffers = Enumerable.Range(0, buffers).Select(_ => (Memory<byte>)new byte[pieceRecords * 100]).ToList();
        var output = new List<byte>();
        var pieceSizes = new List<int>();

        var count = RecordSorter.SortInPieces(blocks, pieceBuffers, piece =>
        {
            output.AddRange(piece.ToArray());
            pieceSizes.Add(piece.Length / 100);
        });

        Assert.Equal(records.Length, count);
        Assert.Equal(RecordBytes.Concat(records.OrderBy(r => r, RecordBytes.Memcmp)), output.ToArray());
        // Every piece is full but the last.
        Assert.All(pieceSizes.SkipLast(1), size => Assert.Equal(pieceRecords, size));
    }

    [Fact]
    public void Rejects_a_destination_that_overlaps_a_block()
    {
        var buffer = RecordBytes.Generate(20, ascii: false);
        var error = Assert.Throws<ArgumentException>(() =>
            RecordSorter.Sort([buffer.AsMemory(0, 1000)], buffer.AsMemory(500, 1000)));
        Assert.Contains("overlaps", error.Message);
    }

    [Fact]
    public void Rejects_a_partial_record()
    {
        var error = Assert.Throws<InvalidDataException>(() => RecordSorter.Sort(new byte[199], new byte[199]));
        Assert.Contains("99 bytes left over", error.Message);
    }
}
