using System.Buffers.Binary;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace OrleansFlow.Sql.Types;

/// <summary>
/// Decimal vectors to and from Arrow Decimal128 arrays as 128-bit unscaled integers at the type's scale.
/// Apache.Arrow's builder goes through BigInteger powers per value, which made exchanges of decimal columns cost
/// more than the query; read back, values that fit 64 bits stay unscaled (see <see cref="Vector.Decimals"/>).
/// </summary>
internal static class Decimal128Codec
{
    /// <summary>The array, or null when a value does not fit 128 bits at the scale (the caller uses the builder).</summary>
    public static Decimal128Array? TryWrite(Vector v)
    {
        int n = v.Length;
        byte scale = checked((byte)v.Type.Scale);
        var values = new byte[n * 16];
        var unscaled = v.UnscaledDecimals;
        var decimals = unscaled is null ? v.Decimals : null;
        var nulls = v.Nulls;
        for (int i = 0; i < n; i++)
        {
            if (nulls is not null && nulls[i]) continue;
            Int128 value;
            if (unscaled is not null) value = unscaled[i];
            else if (!TryUnscaled(decimals![i], scale, out value)) return null;
            BinaryPrimitives.WriteInt128LittleEndian(values.AsSpan(i * 16, 16), value);
        }
        var validity = new ArrowBuffer.BitmapBuilder(n);
        int nullCount = 0;
        for (int i = 0; i < n; i++)
        {
            bool isNull = nulls is not null && nulls[i];
            validity.Append(!isNull);
            if (isNull) nullCount++;
        }
        var data = new ArrayData(new Decimal128Type(v.Type.Precision, v.Type.Scale), n, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : validity.Build(), new ArrowBuffer(values)]);
        return new Decimal128Array(data);
    }

    /// <summary>The value rounded half away from zero to <paramref name="scale"/>, as an unscaled integer.</summary>
    private static bool TryUnscaled(decimal value, byte scale, out Int128 unscaled)
    {
        unscaled = 0;
        decimal rounded = Math.Round(value, scale, MidpointRounding.AwayFromZero);
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(rounded, bits);
        int valueScale = (bits[3] >> 16) & 0xFF;
        UInt128 magnitude = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        try
        {
            checked
            {
                for (int s = valueScale; s < scale; s++) magnitude *= 10;
                if (magnitude > (UInt128)Int128.MaxValue) return false;
            }
        }
        catch (OverflowException) { return false; }
        unscaled = bits[3] < 0 ? -(Int128)magnitude : (Int128)magnitude;
        return true;
    }

    /// <summary>The array as an unscaled decimal vector, or null when its scale differs or a value needs more than 64 bits.</summary>
    public static Vector? TryReadUnscaled(Decimal128Array array, SqlType type)
    {
        if (type.Storage != StorageKind.Decimal || ((Decimal128Type)array.Data.DataType).Scale != type.Scale) return null;
        int n = array.Length;
        var bytes = array.ValueBuffer.Span.Slice(array.Offset * 16, n * 16);
        var values = new long[n];
        bool[]? nulls = null;
        for (int i = 0; i < n; i++)
        {
            if (array.IsNull(i)) { (nulls ??= new bool[n])[i] = true; continue; }
            Int128 value = BinaryPrimitives.ReadInt128LittleEndian(bytes.Slice(i * 16, 16));
            if (value < long.MinValue || value > long.MaxValue) return null;
            values[i] = (long)value;
        }
        return Vector.FromUnscaledDecimals(type, values, nulls);
    }
}
