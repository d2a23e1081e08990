using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Engine.Tests.Sort;

/// <summary>Plain, obviously correct helpers for test oracles: records as byte arrays, memcmp ordering.</summary>
internal static class RecordBytes
{
    public static byte[][] Split(ReadOnlySpan<byte> block)
    {
        var records = new byte[block.Length / SortRecord.Size][];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = block.Slice(i * SortRecord.Size, SortRecord.Size).ToArray();
        }
        return records;
    }

    public static byte[] Concat(IEnumerable<byte[]> records) => records.SelectMany(r => r).ToArray();

    public static byte[] Generate(int records, bool ascii, ulong seed = 0, long first = 0)
    {
        var block = new byte[records * SortRecord.Size];
        GensortRecords.Generate(block, first, ascii, seed);
        return block;
    }

    public static byte[] Key(byte[] record) => record[..SortRecord.KeySize];

    public static readonly Comparer<byte[]> Memcmp = Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b));
}
