using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Benchmarks.Sort;

/// <summary>gensort records held in memory as blocks (each under the 2 GB array limit), generated in parallel.</summary>
internal sealed class InMemoryInput
{
    private InMemoryInput(byte[]?[] blocks, RecordChecksum checksum)
    {
        Blocks = blocks;
        Checksum = checksum;
    }

    /// <summary>The blocks in record order; an entry is null once a consuming sort has released it.</summary>
    public byte[]?[] Blocks { get; }

    public RecordChecksum Checksum { get; }

    public static InMemoryInput Generate(long records, long blockRecords, bool ascii, int threads)
    {
        var blockCount = (int)((records + blockRecords - 1) / blockRecords);
        var blocks = new byte[blockCount][];
        for (var b = 0; b < blockCount; b++)
        {
            blocks[b] = GC.AllocateUninitializedArray<byte>((int)(Math.Min(blockRecords, records - b * blockRecords) * SortRecord.Size));
        }
        // Generate in 1 MB pieces so that every core has work even for a single block.
        const int pieceRecords = 10_000;
        var pieces = new List<(int Block, int FirstRecordInBlock, int Count)>();
        for (var b = 0; b < blockCount; b++)
        {
            var inBlock = blocks[b].Length / SortRecord.Size;
            for (var r = 0; r < inBlock; r += pieceRecords)
            {
                pieces.Add((b, r, Math.Min(pieceRecords, inBlock - r)));
            }
        }
        var checksums = new RecordChecksum[pieces.Count];
        Parallel.For(0, pieces.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var (block, first, count) = pieces[i];
            var span = blocks[block].AsSpan(first * SortRecord.Size, count * SortRecord.Size);
            GensortRecords.Generate(span, block * blockRecords + first, ascii, seed: 0);
            checksums[i] = RecordChecksum.Of(span);
        });
        var total = RecordChecksum.Empty;
        foreach (var checksum in checksums)
        {
            total += checksum;
        }
        return new InMemoryInput(blocks, total);
    }
}
