using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Catalog.ParquetPages;

/// <summary>
/// The typed array one column chunk (or its dictionary) decodes into, and the two ways values arrive:
/// PLAIN-encoded bytes, or indices into a dictionary of the same kind. The array is pooled (a row group's
/// column would otherwise be a fresh large-object-heap array per chunk); <see cref="Slice"/> copies rows out.
/// </summary>
internal sealed class ColumnValues : IDisposable
{
    private const int MaxInternedStrings = 4096;

    private readonly ValueKind _kind;
    private Dictionary<string, string>? _interned;

    public ColumnValues(ValueKind kind, int length)
    {
        _kind = kind;
        switch (kind)
        {
            // Decimals stay unscaled integers (see Vector.Decimals).
            case ValueKind.Int32ToLong or ValueKind.Int64ToLong or ValueKind.Int32ToDecimal or ValueKind.Int64ToDecimal:
                Longs = ArrayPool<long>.Shared.Rent(length);
                break;
            case ValueKind.DoubleToDouble or ValueKind.FloatToDouble: Doubles = ArrayPool<double>.Shared.Rent(length); break;
            default: Strings = ArrayPool<string?>.Shared.Rent(length); break;
        }
    }

    public void Dispose()
    {
        switch (_kind)
        {
            case ValueKind.Int32ToLong or ValueKind.Int64ToLong or ValueKind.Int32ToDecimal or ValueKind.Int64ToDecimal:
                ArrayPool<long>.Shared.Return(Longs);
                break;
            case ValueKind.DoubleToDouble or ValueKind.FloatToDouble: ArrayPool<double>.Shared.Return(Doubles); break;
            default: ArrayPool<string?>.Shared.Return(Strings, clearArray: true); break;
        }
    }

    public long[] Longs { get; } = [];
    public double[] Doubles { get; } = [];
    public string?[] Strings { get; } = [];

    /// <summary>Rows [start, start + count) as a vector of their own.</summary>
    public Vector Slice(SqlType type, bool[]? nulls, int start, int count)
    {
        bool[]? sliceNulls = nulls is not null && nulls.AsSpan(start, count).Contains(true) ? nulls.AsSpan(start, count).ToArray() : null;
        return _kind switch
        {
            ValueKind.Int32ToLong or ValueKind.Int64ToLong => new Vector(type, Longs.AsSpan(start, count).ToArray(), sliceNulls),
            ValueKind.Int32ToDecimal or ValueKind.Int64ToDecimal => Vector.FromUnscaledDecimals(type, Longs.AsSpan(start, count).ToArray(), sliceNulls),
            ValueKind.DoubleToDouble or ValueKind.FloatToDouble => new Vector(type, Doubles.AsSpan(start, count).ToArray(), sliceNulls),
            _ => new Vector(type, Strings.AsSpan(start, count).ToArray(), sliceNulls),
        };
    }

    /// <summary>Decodes <paramref name="count"/> PLAIN values from <paramref name="data"/> into rows [start, start + count).</summary>
    public void DecodePlain(ReadOnlySpan<byte> data, int count, int start)
    {
        int width = _kind switch
        {
            ValueKind.Int32ToLong or ValueKind.Int32ToDecimal or ValueKind.FloatToDouble => 4,
            ValueKind.Int64ToLong or ValueKind.Int64ToDecimal or ValueKind.DoubleToDouble => 8,
            _ => 0,
        };
        if (width > 0 && (long)count * width > data.Length)
            throw new InvalidDataException($"Parquet page holds {data.Length} bytes, too few for {count} values");
        switch (_kind)
        {
            case ValueKind.Int32ToLong or ValueKind.Int32ToDecimal:
            {
                var src = MemoryMarshal.Cast<byte, int>(data)[..count];
                var dst = Longs.AsSpan(start, count);
                for (int i = 0; i < src.Length; i++) dst[i] = src[i];
                break;
            }
            case ValueKind.Int64ToLong or ValueKind.Int64ToDecimal:
                MemoryMarshal.Cast<byte, long>(data)[..count].CopyTo(Longs.AsSpan(start, count));
                break;
            case ValueKind.DoubleToDouble:
                MemoryMarshal.Cast<byte, double>(data)[..count].CopyTo(Doubles.AsSpan(start, count));
                break;
            case ValueKind.FloatToDouble:
            {
                var src = MemoryMarshal.Cast<byte, float>(data)[..count];
                var dst = Doubles.AsSpan(start, count);
                for (int i = 0; i < src.Length; i++) dst[i] = src[i];
                break;
            }
            default:
                DecodePlainStrings(data, count, start);
                break;
        }
    }

    /// <summary>Rows [start, start + indices.Length) take the dictionary's values at <paramref name="indices"/>.</summary>
    public void Gather(ColumnValues dictionary, ReadOnlySpan<int> indices, int start, int dictionarySize)
    {
        foreach (int index in indices)
        {
            if ((uint)index >= (uint)dictionarySize)
                throw new InvalidDataException($"Parquet dictionary index {index} is outside its dictionary of {dictionarySize} values");
        }
        switch (_kind)
        {
            case ValueKind.Int32ToLong or ValueKind.Int64ToLong or ValueKind.Int32ToDecimal or ValueKind.Int64ToDecimal:
                GatherInto(dictionary.Longs, indices, Longs.AsSpan(start, indices.Length));
                break;
            case ValueKind.DoubleToDouble or ValueKind.FloatToDouble:
                GatherInto(dictionary.Doubles, indices, Doubles.AsSpan(start, indices.Length));
                break;
            default:
                GatherInto(dictionary.Strings, indices, Strings.AsSpan(start, indices.Length));
                break;
        }
    }

    /// <summary>
    /// Moves the <paramref name="defined"/> values packed at the front of rows [start, start + nulls.Length) to the
    /// rows whose null flag is false (a page stores only its non-NULL values).
    /// </summary>
    public void Spread(int start, ReadOnlySpan<bool> nulls, int defined)
    {
        switch (_kind)
        {
            case ValueKind.Int32ToLong or ValueKind.Int64ToLong or ValueKind.Int32ToDecimal or ValueKind.Int64ToDecimal:
                SpreadIn(Longs.AsSpan(start, nulls.Length), nulls, defined);
                break;
            case ValueKind.DoubleToDouble or ValueKind.FloatToDouble: SpreadIn(Doubles.AsSpan(start, nulls.Length), nulls, defined); break;
            default: SpreadIn(Strings.AsSpan(start, nulls.Length), nulls, defined); break;
        }
    }

    private static void SpreadIn<T>(Span<T> rows, ReadOnlySpan<bool> nulls, int defined)
    {
        for (int i = rows.Length - 1, v = defined - 1; i >= 0; i--)
        {
            if (nulls[i]) rows[i] = default!;
            else rows[i] = rows[v--];
        }
    }

    private static void GatherInto<T>(T[] dictionary, ReadOnlySpan<int> indices, Span<T> destination)
    {
        for (int i = 0; i < indices.Length; i++) destination[i] = dictionary[indices[i]];
    }

    /// <summary>
    /// Length-prefixed UTF-8 values. Repeated values (flags, modes, names) share one string object, so a
    /// low-cardinality column costs a few allocations instead of one per row.
    /// </summary>
    private void DecodePlainStrings(ReadOnlySpan<byte> data, int count, int start)
    {
        var interned = _interned ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = interned.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> chars = stackalloc char[256];
        int pos = 0;
        for (int i = 0; i < count; i++)
        {
            if (pos + 4 > data.Length) throw new InvalidDataException("Parquet string page ends early");
            int length = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
            pos += 4;
            if (length < 0 || pos + length > data.Length) throw new InvalidDataException($"Parquet string of length {length} runs past its page");
            var utf8 = data.Slice(pos, length);
            pos += length;
            if (length > chars.Length)
            {
                Strings[start + i] = Encoding.UTF8.GetString(utf8);
                continue;
            }
            int n = Encoding.UTF8.GetChars(utf8, chars);
            var text = chars[..n];
            if (lookup.TryGetValue(text, out var known)) { Strings[start + i] = known; continue; }
            string s = text.ToString();
            if (interned.Count < MaxInternedStrings) interned[s] = s;
            Strings[start + i] = s;
        }
    }
}
