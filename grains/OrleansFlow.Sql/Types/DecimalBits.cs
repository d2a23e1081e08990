using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrleansFlow.Sql.Types;

/// <summary>
/// System.Decimal as an unscaled integer and a scale, without decimal arithmetic: building one from a Parquet
/// integer, and reading one back for integer sums. Uses decimal's in-memory layout (flags, high 32 bits, low 64
/// bits) when a self-check at start-up confirms it, and the public constructor / GetBits otherwise.
/// </summary>
internal static class DecimalBits
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Layout
    {
        public int Flags;
        public uint High;
        public ulong Low;
    }

    private const int SignMask = unchecked((int)0x80000000);
    private static readonly bool LayoutConfirmed = CheckLayout();

    /// <summary><paramref name="unscaled"/> × 10^-<paramref name="scale"/>, e.g. (12345, 2) → 123.45.</summary>
    public static decimal FromScaled(long unscaled, byte scale)
    {
        bool negative = unscaled < 0;
        ulong magnitude = negative ? (ulong)(-(unscaled + 1)) + 1 : (ulong)unscaled;
        if (!LayoutConfirmed) return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, scale);
        var bits = new Layout { Flags = (negative ? SignMask : 0) | (scale << 16), High = 0, Low = magnitude };
        return Unsafe.As<Layout, decimal>(ref bits);
    }

    /// <summary>
    /// The unscaled value of <paramref name="value"/> when it is held at exactly <paramref name="scale"/> and fits a long
    /// (true for values read from Parquet and for sums of them); false otherwise.
    /// </summary>
    public static bool TryGetScaled(decimal value, byte scale, out long unscaled)
    {
        int flags;
        uint high;
        ulong low;
        if (LayoutConfirmed)
        {
            var bits = Unsafe.As<decimal, Layout>(ref value);
            (flags, high, low) = (bits.Flags, bits.High, bits.Low);
        }
        else
        {
            Span<int> parts = stackalloc int[4];
            decimal.GetBits(value, parts);
            (flags, high, low) = (parts[3], (uint)parts[2], (uint)parts[0] | ((ulong)(uint)parts[1] << 32));
        }
        unscaled = 0;
        if (((flags >> 16) & 0xFF) != scale || high != 0 || low > long.MaxValue) return false;
        unscaled = flags < 0 ? -(long)low : (long)low;
        return true;
    }

    private static readonly long[] PowersOf10 = [.. Enumerable.Range(0, 19).Select(i => (long)Math.Pow(10, i))];

    /// <summary>
    /// <paramref name="value"/> as an unscaled integer at <paramref name="scale"/>, when that is exact and fits a long
    /// (a value held at a smaller scale is multiplied up: 24 at scale 2 is 2400).
    /// </summary>
    public static bool TryGetAtScale(decimal value, byte scale, out long unscaled)
    {
        unscaled = 0;
        int valueScale = value.Scale;
        if (valueScale > scale) return false;
        if (!TryGetScaled(value, (byte)valueScale, out long v)) return false;
        return TryRescale(v, scale - valueScale, out unscaled);
    }

    /// <summary><paramref name="unscaled"/> × 10^<paramref name="digits"/>, false on overflow.</summary>
    public static bool TryRescale(long unscaled, int digits, out long result)
    {
        result = unscaled;
        if (digits == 0) return true;
        if (digits >= PowersOf10.Length) return unscaled == 0;
        long factor = PowersOf10[digits];
        long high = Math.BigMul(unscaled, factor, out long low);
        result = low;
        return high == (low >> 63);
    }

    /// <summary>An exact integer sum and a scale as a decimal (throws OverflowException past decimal's 96 bits).</summary>
    public static decimal FromScaled(Int128 unscaled, byte scale)
    {
        if (unscaled >= long.MinValue && unscaled <= long.MaxValue) return FromScaled((long)unscaled, scale);
        bool negative = unscaled < 0;
        UInt128 magnitude = negative ? (UInt128)(-unscaled) : (UInt128)unscaled;
        if (magnitude >> 96 != 0) throw new OverflowException("decimal sum is outside the range of 28 digits");
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, scale);
    }

    private static bool CheckLayout()
    {
        if (Unsafe.SizeOf<Layout>() != sizeof(decimal)) return false;
        foreach (var (unscaled, scale) in new (long, byte)[] { (12345, 2), (-987654321012, 5), (0, 0), (long.MaxValue, 18), (-1, 28) })
        {
            bool negative = unscaled < 0;
            ulong magnitude = negative ? (ulong)(-(unscaled + 1)) + 1 : (ulong)unscaled;
            decimal expected = new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, scale);
            var bits = new Layout { Flags = (negative ? SignMask : 0) | (scale << 16), Low = magnitude };
            decimal built = Unsafe.As<Layout, decimal>(ref bits);
            var read = Unsafe.As<decimal, Layout>(ref expected);
            if (built != expected || decimal.GetBits(built)[3] != decimal.GetBits(expected)[3]
                || read.Low != magnitude || read.High != 0 || read.Flags != decimal.GetBits(expected)[3]) return false;
        }
        return true;
    }
}
