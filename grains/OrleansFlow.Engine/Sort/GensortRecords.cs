using System.Runtime.CompilerServices;

namespace OrleansFlow.Engine.Sort;

/// <summary>Fills buffers with gensort records (layouts in <see cref="SortRecord"/>): pure, so any range can be made anywhere.</summary>
public static class GensortRecords
{
    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

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
        for (var i = 0; i < count; i++)
        {
            var record = destination.Slice(i * SortRecord.Size, SortRecord.Size);
            if (ascii)
            {
                WriteAscii(record, random, (ulong)(firstRecord + i));
            }
            else
            {
                WriteBinary(record, random, (ulong)(firstRecord + i));
            }
            random = GensortRandom.Next(random);
        }
    }

    private static void WriteBinary(Span<byte> record, UInt128 random, ulong rowId)
    {
        var high = (ulong)(random >> 64);
        var low = (ulong)random;
        // Key: the 10 most significant bytes of the random number.
        for (var i = 0; i < 8; i++)
        {
            record[i] = (byte)(high >> (56 - 8 * i));
        }
        record[8] = (byte)(low >> 56);
        record[9] = (byte)(low >> 48);
        record[10] = 0x00;
        record[11] = 0x11;
        WriteRowId(record.Slice(12, 32), rowId);
        record[44] = 0x88;
        record[45] = 0x99;
        record[46] = 0xAA;
        record[47] = 0xBB;
        // Filler: each of the low 12 nibbles, four times.
        WriteFillerNibbles(record.Slice(48, 48), low, 44);
        record[96] = 0xCC;
        record[97] = 0xDD;
        record[98] = 0xEE;
        record[99] = 0xFF;
    }

    private static void WriteAscii(Span<byte> record, UInt128 random, ulong rowId)
    {
        var high = (ulong)(random >> 64);
        var low = (ulong)random;
        // Key: base-95 digits of the high half (8 of them), then of the low half (2), each shifted into ' '..'~'.
        var digits = high;
        for (var i = 0; i < 8; i++)
        {
            record[i] = (byte)(' ' + digits % 95);
            digits /= 95;
        }
        digits = low;
        record[8] = (byte)(' ' + digits % 95);
        record[9] = (byte)(' ' + digits / 95 % 95);
        record[10] = (byte)' ';
        record[11] = (byte)' ';
        WriteRowId(record.Slice(12, 32), rowId);
        record[44] = (byte)' ';
        record[45] = (byte)' ';
        WriteFillerNibbles(record.Slice(46, 52), low, 48);
        record[98] = (byte)'\r';
        record[99] = (byte)'\n';
    }

    /// <summary>The row id as 32 upper-case hex digits (a 128-bit number; the high 64 bits are zero here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteRowId(Span<byte> destination, ulong rowId)
    {
        destination[..16].Fill((byte)'0');
        for (var i = 0; i < 16; i++)
        {
            destination[16 + i] = HexDigits[(int)(rowId >> (60 - 4 * i)) & 0xF];
        }
    }

    /// <summary>Groups of four copies of a hex digit, for the nibbles of <paramref name="value"/> from bit <paramref name="firstShift"/> down to 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteFillerNibbles(Span<byte> destination, ulong value, int firstShift)
    {
        for (int group = 0, shift = firstShift; shift >= 0; group += 4, shift -= 4)
        {
            destination.Slice(group, 4).Fill(HexDigits[(int)(value >> shift) & 0xF]);
        }
    }
}
