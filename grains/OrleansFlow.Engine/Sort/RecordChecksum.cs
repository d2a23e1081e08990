using System.IO.Hashing;

namespace OrleansFlow.Engine.Sort;

/// <summary>
/// valsort's data checksum: the 128-bit sum of the CRC-32 (zlib's polynomial) of every record, with the record count.
/// A sum does not depend on order, so a sort's output must have its input's checksum. Printed as valsort prints it
/// (lower-case hex, no leading zeros).
/// </summary>
public readonly record struct RecordChecksum(UInt128 Sum, long Records)
{
    public static readonly RecordChecksum Empty = new(UInt128.Zero, 0);

    /// <summary>The checksum of whole records in <paramref name="records"/> (length a multiple of 100).</summary>
    public static RecordChecksum Of(ReadOnlySpan<byte> records)
    {
        var count = SortRecord.CountOf(records.Length, "checksummed buffer");
        // A 64-bit running sum cannot overflow before 2^32 records; the total is widened once at the end.
        ulong sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += Crc32.HashToUInt32(records.Slice(i * SortRecord.Size, SortRecord.Size));
        }
        return new RecordChecksum(sum, count);
    }

    public static RecordChecksum operator +(RecordChecksum a, RecordChecksum b) => new(a.Sum + b.Sum, a.Records + b.Records);

    /// <summary>The sum as valsort prints it.</summary>
    public string Hex => Sum.ToString("x");

    public override string ToString() => $"{Records} records, checksum {Hex}";
}
