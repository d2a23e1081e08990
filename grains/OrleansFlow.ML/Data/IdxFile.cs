using System.Buffers.Binary;
using System.IO.Compression;

namespace OrleansFlow.ML.Data;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST (optionally gzip-compressed): a 4-byte magic number
/// 0x00 0x00 &lt;type&gt; &lt;dimension count&gt;, one big-endian int32 per dimension, then the values row-major.
/// Only unsigned-byte data (type 0x08) is used by these data sets, so only that is accepted.
/// </summary>
public sealed class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    private IdxFile(int[] dimensions, byte[] values)
    {
        Dimensions = dimensions;
        Values = values;
    }

    public IReadOnlyList<int> Dimensions { get; }

    public byte[] Values { get; }

    /// <summary>Reads the file; names end in .gz are decompressed. <paramref name="expectedDimensions"/> is 1 for labels, 3 for images.</summary>
    public static IdxFile Read(string path, int expectedDimensions)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"IDX file not found: {path}", path);
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return Read(stream, path, expectedDimensions);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: not a readable gzip/IDX file ({e.Message})", e);
        }
    }

    private static IdxFile Read(Stream stream, string path, int expectedDimensions)
    {
        Span<byte> magic = stackalloc byte[4];
        ReadExactly(stream, magic, path, "the 4-byte magic number");
        var expectedMagic = 0x0800 | expectedDimensions;
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != UnsignedByteType || magic[3] != expectedDimensions)
            throw new InvalidDataException(
                $"{path}: magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8} is not an unsigned-byte IDX file with {expectedDimensions} dimension(s) (expected 0x{expectedMagic:X8}).");

        var dimensions = new int[expectedDimensions];
        Span<byte> word = stackalloc byte[4];
        long total = 1;
        for (var i = 0; i < dimensions.Length; i++)
        {
            ReadExactly(stream, word, path, $"dimension {i}");
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(word);
            if (dimensions[i] <= 0)
                throw new InvalidDataException($"{path}: dimension {i} is {dimensions[i]}; dimensions must be positive.");
            total *= dimensions[i];
        }
        if (total > Array.MaxLength)
            throw new InvalidDataException($"{path}: dimensions {string.Join(" x ", dimensions)} are too large to load.");

        var values = new byte[total];
        ReadExactly(stream, values, path, $"{total} data bytes for dimensions {string.Join(" x ", dimensions)}");
        return new IdxFile(dimensions, values);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
            throw new InvalidDataException($"{path}: file ends early: needed {what}, got only {read} of {buffer.Length} bytes.");
    }
}
