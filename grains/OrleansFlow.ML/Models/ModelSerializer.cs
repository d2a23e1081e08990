using System.Buffers.Binary;
using System.IO.Hashing;
using OrleansFlow.ML.Data;

namespace OrleansFlow.ML.Models;

/// <summary>
/// Saves and loads a model (architecture + parameters). File format, version 1, all integers little-endian:
/// <code>
/// offset size  field
/// 0      4     magic "OFML" (ASCII)
/// 4      2     format version (uint16) = 1
/// 6      1     model kind (<see cref="ModelKind"/>: 1 linear regression, 2 logistic regression, 3 MLP)
/// 7      1     reserved, 0
/// 8      4     layer count L (int32, ≥ 2)
/// 12     4·L   layer sizes (int32 each): input width, hidden widths..., output width
/// ..     4     parameter count P (int32), must equal what the architecture implies
/// ..     4·P   parameters (IEEE-754 float32), in the model's flat layout
/// ..     4     CRC-32 (IEEE) of every preceding byte
/// </code>
/// </summary>
public static class ModelSerializer
{
    public const ushort FormatVersion = 1;
    private static ReadOnlySpan<byte> Magic => "OFML"u8;

    public static void Save(Stream stream, IGradientModel model, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(model);
        ModelChecks.Parameters(model, parameters.Length, nameof(parameters));
        var sizes = model.LayerSizes;
        var length = 12 + 4 * sizes.Count + 4 + 4 * parameters.Length + 4;
        var buffer = new byte[length];
        var span = buffer.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], FormatVersion);
        span[6] = (byte)model.Kind;
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], sizes.Count);
        var offset = 12;
        foreach (var size in sizes)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[offset..], size);
            offset += 4;
        }
        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], parameters.Length);
        offset += 4;
        LittleEndianFloats.Write(parameters, span.Slice(offset, 4 * parameters.Length));
        offset += 4 * parameters.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], Crc32.HashToUInt32(span[..offset]));
        stream.Write(buffer);
    }

    public static void Save(string path, IGradientModel model, ReadOnlySpan<float> parameters)
    {
        using var file = File.Create(path);
        Save(file, model, parameters);
    }

    public static (IGradientModel Model, float[] Parameters) Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file not found: {path}", path);
        return Load(File.ReadAllBytes(path), path);
    }

    /// <param name="source">Names the data in error messages (a file path).</param>
    public static (IGradientModel Model, float[] Parameters) Load(ReadOnlySpan<byte> data, string source)
    {
        if (data.Length < 16 || !data[..4].SequenceEqual(Magic))
            throw new InvalidDataException($"{source}: not an OrleansFlow model (expected magic \"OFML\" at offset 0).");
        var version = BinaryPrimitives.ReadUInt16LittleEndian(data[4..]);
        if (version != FormatVersion)
            throw new InvalidDataException($"{source}: model format version {version} is not supported (this build reads version {FormatVersion}).");
        var storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(data[^4..]);
        if (Crc32.HashToUInt32(data[..^4]) != storedCrc)
            throw new InvalidDataException($"{source}: checksum mismatch; the model file is truncated or corrupt.");

        var kind = (ModelKind)data[6];
        var layerCount = BinaryPrimitives.ReadInt32LittleEndian(data[8..]);
        if (layerCount < 2 || 12L + 4L * layerCount + 8 > data.Length)
            throw new InvalidDataException($"{source}: layer count {layerCount} does not fit a {data.Length}-byte file.");
        var sizes = new int[layerCount];
        for (var i = 0; i < layerCount; i++)
            sizes[i] = BinaryPrimitives.ReadInt32LittleEndian(data[(12 + 4 * i)..]);
        var offset = 12 + 4 * layerCount;
        var parameterCount = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
        offset += 4;

        var model = Create(kind, sizes, source);
        if (parameterCount != model.ParameterCount || offset + 4L * parameterCount + 4 != data.Length)
            throw new InvalidDataException(
                $"{source}: the {kind} architecture {string.Join("-", sizes)} has {model.ParameterCount} parameters but the file declares {parameterCount} in {data.Length} bytes.");
        var parameters = new float[parameterCount];
        LittleEndianFloats.Read(data.Slice(offset, 4 * parameterCount), parameters);
        return (model, parameters);
    }

    private static IGradientModel Create(ModelKind kind, int[] sizes, string source)
    {
        try
        {
            return kind switch
            {
                ModelKind.LinearRegression when sizes is [var d, 1] => new LinearRegressionModel(d),
                ModelKind.LogisticRegression when sizes is [var d, 1] => new LogisticRegressionModel(d),
                ModelKind.MultilayerPerceptron => new MultilayerPerceptron(sizes),
                _ => throw new InvalidDataException($"{source}: model kind {(byte)kind} with layers {string.Join("-", sizes)} is not a known architecture."),
            };
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: invalid {kind} architecture {string.Join("-", sizes)}: {e.Message}", e);
        }
    }
}
