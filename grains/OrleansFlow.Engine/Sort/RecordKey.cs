using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace OrleansFlow.Engine.Sort;

/// <summary>
/// A 10-byte sort key held as two big-endian numbers, so that comparing (Prefix, Suffix) is the same as memcmp of
/// the key bytes, without touching the record again.
/// </summary>
public readonly record struct RecordKey(ulong Prefix, ushort Suffix) : IComparable<RecordKey>
{
    /// <summary>The key of the record (or bare key) that starts at <paramref name="keyOrRecord"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RecordKey From(ReadOnlySpan<byte> keyOrRecord) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(keyOrRecord), BinaryPrimitives.ReadUInt16BigEndian(keyOrRecord[8..]));

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, Prefix);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], Suffix);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[SortRecord.KeySize];
        WriteTo(bytes);
        return bytes;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CompareTo(RecordKey other) =>
        Prefix != other.Prefix ? (Prefix < other.Prefix ? -1 : 1) : Suffix.CompareTo(other.Suffix);

    public static bool operator <(RecordKey a, RecordKey b) => a.CompareTo(b) < 0;
    public static bool operator >(RecordKey a, RecordKey b) => a.CompareTo(b) > 0;
    public static bool operator <=(RecordKey a, RecordKey b) => a.CompareTo(b) <= 0;
    public static bool operator >=(RecordKey a, RecordKey b) => a.CompareTo(b) >= 0;

    public override string ToString() => Convert.ToHexString(ToBytes());
}
