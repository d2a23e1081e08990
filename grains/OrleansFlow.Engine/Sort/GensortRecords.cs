using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrleansFlow.Engine.Sort;

/// <summary>
/// Fills buffers with gensort records (layouts in <see cref="SortRecord"/>): pure, so any range can be made anywhere.
/// Fields are written as whole 2-, 4- and 8-byte stores from small tables rather than byte by byte (the constants are
/// spelled for a little-endian machine, which every .NET 10 target here is).
/// </summary>
public static class GensortRecords
{
    private const ulong SixteenZeroDigits = 0x3030303030303030; // "00000000" twice makes the always-zero high row id half

    // Two upper-case hex digits per byte value, in memory order (little-endian ushort: first digit in the low byte).
    private static readonly ushort[] HexPairs = BuildHexPairs();

    // A hex digit repeated four times, per nibble value: one 4-byte filler group.
    private static readonly uint[] RepeatedDigits = BuildRepeatedDigits();

    /// <summary>
    /// Writes records <paramref name="firstRecord"/>, <paramref name="firstRecord"/>+1, ... into
    /// <paramref name="destination"/>, whose length must be a multiple of 100.
    /// </summary>
    public static void Generate(Span<byte> destination, long firstRecord, bool ascii, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstRecord);
        var count = SortRecord.CountOf(destination.Length, "gensort destination buffer");
        if (count == 0)
        {
            return;
        }
        var random = GensortRandom.ForRecord(seed, (UInt128)firstRecord);
        ref var record = ref MemoryMarshal.GetReference(destination);
        for (var i = 0; i < count; i++)
        {
            if (ascii)
            {
                WriteAscii(ref record, random, (ulong)(firstRecord + i));
            }
            else
            {
                WriteBinary(ref record, random, (ulong)(firstRecord + i));
            }
            random = GensortRandom.Next(random);
            record = ref Unsafe.Add(ref record, SortRecord.Size);
        }
    }

    private static void WriteBinary(ref byte record, UInt128 random, ulong rowId)
    {
        var high = (ulong)(random >> 64);
        var low = (ulong)random;
        // Key: the 10 most significant bytes of the random number.
        Store(ref record, 0, BinaryPrimitives.ReverseEndianness(high));
        Store(ref record, 8, BinaryPrimitives.ReverseEndianness((ushort)(low >> 48)));
        Store(ref record, 10, (ushort)0x1100); // bytes 0x00 0x11
        WriteRowId(ref Unsafe.Add(ref record, 12), rowId);
        Store(ref record, 44, 0xBBAA9988u);
        // Filler: each of the low 12 nibbles, four times.
        for (var group = 0; group < 12; group++)
        {
            Store(ref record, 48 + 4 * group, RepeatedDigits[(int)(low >> (44 - 4 * group)) & 0xF]);
        }
        Store(ref record, 96, 0xFFEEDDCCu);
    }

    private static void WriteAscii(ref byte record, UInt128 random, ulong rowId)
    {
        var high = (ulong)(random >> 64);
        var low = (ulong)random;
        // Key: base-95 digits of the high half (8 of them), then of the low half (2), each shifted into ' '..'~'.
        var digits = high;
        for (var i = 0; i < 8; i++)
        {
            Unsafe.Add(ref record, i) = (byte)(' ' + digits % 95);
            digits /= 95;
        }
        Unsafe.Add(ref record, 8) = (byte)(' ' + low % 95);
        Unsafe.Add(ref record, 9) = (byte)(' ' + low / 95 % 95);
        Store(ref record, 10, (ushort)0x2020);
        WriteRowId(ref Unsafe.Add(ref record, 12), rowId);
        Store(ref record, 44, (ushort)0x2020);
        // Filler: 13 groups, the nibbles of the low half from bit 48 down.
        for (var group = 0; group < 13; group++)
        {
            Store(ref record, 46 + 4 * group, RepeatedDigits[(int)(low >> (48 - 4 * group)) & 0xF]);
        }
        Store(ref record, 98, (ushort)0x0A0D); // CR LF
    }

    /// <summary>The row id as 32 upper-case hex digits (a 128-bit number whose high 64 bits are zero here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteRowId(ref byte destination, ulong rowId)
    {
        Store(ref destination, 0, SixteenZeroDigits);
        Store(ref destination, 8, SixteenZeroDigits);
        for (var i = 0; i < 8; i++)
        {
            Store(ref destination, 16 + 2 * i, HexPairs[(int)(rowId >> (56 - 8 * i)) & 0xFF]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(ref byte record, int offset, T value) where T : unmanaged =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref record, offset), value);

    private static ushort[] BuildHexPairs()
    {
        var digits = "0123456789ABCDEF"u8;
        var pairs = new ushort[256];
        for (var b = 0; b < 256; b++)
        {
            pairs[b] = (ushort)(digits[b >> 4] | digits[b & 0xF] << 8);
        }
        return pairs;
    }

    private static uint[] BuildRepeatedDigits()
    {
        var digits = "0123456789ABCDEF"u8;
        var repeated = new uint[16];
        for (var n = 0; n < 16; n++)
        {
            repeated[n] = digits[n] * 0x01010101u;
        }
        return repeated;
    }
}
