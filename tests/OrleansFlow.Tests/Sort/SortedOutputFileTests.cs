using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Tests.Sort;

/// <summary>
/// The reducer's output path: sorted in 4 MB pieces and written past the page cache where the file system allows it.
/// The reference is a plain comparison sort of the same records by their whole 100 bytes (key first, as valsort and
/// `LC_ALL=C sort` order them).
/// </summary>
public sealed class SortedOutputFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Several_pieces_with_an_unaligned_tail_are_written_in_key_order(int threads)
    {
        // 101,234 records: 2 whole 40,960-record pieces and a tail that ends off a 4 KiB boundary. Keys drawn from few
        // values, so that equal keys (ordered by the rest of the record) occur.
        var random = new Random(7);
        var records = new byte[101_234 * SortRecord.Size];
        random.NextBytes(records);
        for (var r = 0; r < records.Length / SortRecord.Size; r++)
            records[r * SortRecord.Size + 1] = (byte)(records[r * SortRecord.Size + 1] & 0x3);
        var blocks = new ReadOnlyMemory<byte>[] { records.AsMemory(0, 30_000 * SortRecord.Size), records.AsMemory(30_000 * SortRecord.Size) };
        var path = Path.Combine(_folder.Path, "part-00000");

        var written = SortedFileWriter.SortToFile(blocks, path, threads);

        Assert.Equal(101_234, written.Records);
        var expected = Enumerable.Range(0, 101_234)
            .Select(r => new ReadOnlyMemory<byte>(records, r * SortRecord.Size, SortRecord.Size))
            .Order(Comparer<ReadOnlyMemory<byte>>.Create((a, b) => a.Span.SequenceCompareTo(b.Span)))
            .SelectMany(r => r.ToArray())
            .ToArray();
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_file_written_in_aligned_pieces_and_a_short_tail_holds_exactly_those_bytes()
    {
        var bytes = new byte[3 * DirectOutputFile.Alignment + 123];
        new Random(3).NextBytes(bytes);
        var path = Path.Combine(_folder.Path, "direct");
        using (var file = DirectOutputFile.Create(path, bytes.Length))
        {
            // The direct path needs aligned memory: copy through a pinned, aligned window.
            var buffer = GC.AllocateUninitializedArray<byte>(bytes.Length + DirectOutputFile.Alignment, pinned: true);
            var offset = AlignedOffset(buffer);
            bytes.CopyTo(buffer, offset);
            file.Append(buffer.AsSpan(offset, 2 * DirectOutputFile.Alignment));
            file.Append(buffer.AsSpan(offset + 2 * DirectOutputFile.Alignment, bytes.Length - 2 * DirectOutputFile.Alignment));
        }
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    private static unsafe int AlignedOffset(byte[] pinned)
    {
        fixed (byte* start = pinned)
        {
            var misalignment = (int)((nuint)start % DirectOutputFile.Alignment);
            return misalignment == 0 ? 0 : DirectOutputFile.Alignment - misalignment;
        }
    }
}
