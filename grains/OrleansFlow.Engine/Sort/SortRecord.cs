namespace OrleansFlow.Engine.Sort;

/// <summary>
/// The Sort Benchmark record: 100 bytes whose first 10 bytes are the key, compared as unsigned bytes (memcmp).
/// Binary layout (gensort 1.2–1.4, also Hadoop TeraGen): key[10], 0x00 0x11, row id as 32 upper-case hex digits,
/// 0x88 0x99 0xAA 0xBB, 48 filler bytes, 0xCC 0xDD 0xEE 0xFF. ASCII layout (gensort -a): printable key[10], two
/// spaces, row id as 32 hex digits, two spaces, 52 hex-digit filler bytes, CR LF.
/// </summary>
public static class SortRecord
{
    public const int Size = 100;
    public const int KeySize = 10;

    /// <summary>The number of whole records in <paramref name="byteCount"/> bytes; throws naming <paramref name="where"/> if bytes are left over.</summary>
    public static int CountOf(int byteCount, string where) => checked((int)CountOf((long)byteCount, where));

    /// <inheritdoc cref="CountOf(int, string)"/>
    public static long CountOf(long byteCount, string where)
    {
        if (byteCount % Size != 0)
        {
            throw new InvalidDataException(
                $"{where}: {byteCount} bytes is not a whole number of {Size}-byte records ({byteCount % Size} bytes left over).");
        }
        return byteCount / Size;
    }
}
