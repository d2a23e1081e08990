using System.Buffers.Binary;
using System.IO.Hashing;
using OrleansFlow.ML.Data;

namespace OrleansFlow.ML.Training;

/// <summary>
/// A parameter-server shard's state, so a job resumes after losing the silo that held it. Binary form, version 1,
/// little-endian: "OFPS" · uint16 version · uint16 0 · int32 range start · int32 range end · int64 version ·
/// float32 learning rate · int64 optimizer steps · int32 state vector count S · (end - start) float32 values ·
/// S x (end - start) float32 state · uint32 CRC-32 of all preceding bytes.
/// </summary>
public sealed record ParameterServerCheckpoint(
    ParameterRange Range, long Version, float LearningRate, long OptimizerSteps, float[] Values, IReadOnlyList<float[]> OptimizerState)
{
    public const ushort FormatVersion = 1;
    private const int HeaderBytes = 40;
    private static ReadOnlySpan<byte> Magic => "OFPS"u8;

    public byte[] ToBytes()
    {
        var length = Range.Length;
        if (Values.Length != length || OptimizerState.Any(s => s.Length != length))
            throw new InvalidOperationException($"Checkpoint vectors must all have the range {Range}'s length {length}.");
        var bytes = new byte[HeaderBytes + 4L * length * (1 + OptimizerState.Count) + 4];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], Range.Start);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], Range.End);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], Version);
        BinaryPrimitives.WriteSingleLittleEndian(span[24..], LearningRate);
        BinaryPrimitives.WriteInt64LittleEndian(span[28..], OptimizerSteps);
        BinaryPrimitives.WriteInt32LittleEndian(span[36..], OptimizerState.Count);
        var offset = HeaderBytes;
        foreach (var vector in OptimizerState.Prepend(Values))
        {
            LittleEndianFloats.Write(vector, span.Slice(offset, 4 * length));
            offset += 4 * length;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], Crc32.HashToUInt32(span[..offset]));
        return bytes;
    }

    /// <param name="source">Names the data in error messages (a key or file path).</param>
    public static ParameterServerCheckpoint FromBytes(ReadOnlySpan<byte> data, string source)
    {
        if (data.Length < HeaderBytes + 4 || !data[..4].SequenceEqual(Magic))
            throw new InvalidDataException($"{source}: not a parameter-server checkpoint (expected magic \"OFPS\" at offset 0).");
        var version = BinaryPrimitives.ReadUInt16LittleEndian(data[4..]);
        if (version != FormatVersion)
            throw new InvalidDataException($"{source}: checkpoint format version {version} is not supported (this build reads version {FormatVersion}).");
        if (Crc32.HashToUInt32(data[..^4]) != BinaryPrimitives.ReadUInt32LittleEndian(data[^4..]))
            throw new InvalidDataException($"{source}: checksum mismatch; the checkpoint is truncated or corrupt.");

        var range = new ParameterRange(BinaryPrimitives.ReadInt32LittleEndian(data[8..]), BinaryPrimitives.ReadInt32LittleEndian(data[12..]));
        var vectors = BinaryPrimitives.ReadInt32LittleEndian(data[36..]);
        if (range.Start < 0 || range.Length <= 0 || vectors < 0 || HeaderBytes + 4L * range.Length * (1 + vectors) + 4 != data.Length)
            throw new InvalidDataException($"{source}: range {range} with {vectors} state vector(s) does not match the {data.Length}-byte size.");
        var vectorsRead = new float[1 + vectors][];
        for (var i = 0; i < vectorsRead.Length; i++)
        {
            vectorsRead[i] = new float[range.Length];
            LittleEndianFloats.Read(data.Slice(HeaderBytes + 4 * i * range.Length, 4 * range.Length), vectorsRead[i]);
        }
        return new ParameterServerCheckpoint(
            range,
            BinaryPrimitives.ReadInt64LittleEndian(data[16..]),
            BinaryPrimitives.ReadSingleLittleEndian(data[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(data[28..]),
            vectorsRead[0],
            vectorsRead[1..]);
    }
}
