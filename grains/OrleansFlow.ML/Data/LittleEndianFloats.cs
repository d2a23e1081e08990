using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OrleansFlow.ML.Data;

/// <summary>float32 vectors as little-endian bytes, the encoding of the model and checkpoint files.</summary>
internal static class LittleEndianFloats
{
    public static void Write(ReadOnlySpan<float> values, Span<byte> into)
    {
        if (BitConverter.IsLittleEndian)
            MemoryMarshal.AsBytes(values).CopyTo(into);
        else
            for (var i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(into[(4 * i)..], values[i]);
    }

    public static void Read(ReadOnlySpan<byte> bytes, Span<float> into)
    {
        if (BitConverter.IsLittleEndian)
            bytes[..(4 * into.Length)].CopyTo(MemoryMarshal.AsBytes(into));
        else
            for (var i = 0; i < into.Length; i++)
                into[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
    }
}
