using System.Buffers.Binary;

namespace OrleansFlow.Sql.Catalog.ParquetPages;

/// <summary>
/// Parquet's RLE / bit-packed hybrid encoding (definition levels and dictionary indices): runs of one repeated
/// value, or groups of 8 values packed at <c>bitWidth</c> bits each, least significant bit first.
/// </summary>
internal static class RleHybridDecoder
{
    /// <summary>Decodes exactly <paramref name="output"/>.Length values; returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth is < 0 or > 32) throw new InvalidDataException($"Parquet RLE bit width {bitWidth} is out of range");
        int pos = 0, written = 0;
        int valueBytes = (bitWidth + 7) / 8;
        uint mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        while (written < output.Length)
        {
            uint header = ReadVarint(data, ref pos);
            if ((header & 1) == 0)
            {
                int count = Math.Min((int)(header >> 1), output.Length - written);
                int value = 0;
                for (int b = 0; b < valueBytes; b++) value |= At(data, pos + b) << (8 * b);
                pos += valueBytes;
                output.Slice(written, count).Fill(value);
                written += count;
            }
            else
            {
                int groups = (int)(header >> 1);
                int count = Math.Min(groups * 8, output.Length - written);
                int bytes = groups * bitWidth;
                if (pos + bytes > data.Length) throw new InvalidDataException("Parquet bit-packed run ends past its page");
                var packed = data.Slice(pos, bytes);
                long bit = 0;
                for (int i = 0; i < count; i++, bit += bitWidth)
                {
                    int at = (int)(bit >> 3);
                    // Up to 8 bytes hold any value of ≤ 32 bits at any bit offset; near the end read what is left.
                    ulong word = at + 8 <= packed.Length
                        ? BinaryPrimitives.ReadUInt64LittleEndian(packed[at..])
                        : ReadTail(packed[at..]);
                    output[written + i] = (int)((uint)(word >> (int)(bit & 7)) & mask);
                }
                pos += bytes;
                written += count;
            }
        }
        return pos;
    }

    private static ulong ReadTail(ReadOnlySpan<byte> bytes)
    {
        ulong word = 0;
        for (int i = 0; i < bytes.Length && i < 8; i++) word |= (ulong)bytes[i] << (8 * i);
        return word;
    }

    private static int At(ReadOnlySpan<byte> data, int pos) =>
        pos < data.Length ? data[pos] : throw new InvalidDataException("Parquet RLE run ends past its page");

    private static uint ReadVarint(ReadOnlySpan<byte> data, ref int pos)
    {
        uint result = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = (byte)At(data, pos++);
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new InvalidDataException("Parquet RLE header has a malformed varint");
    }
}
