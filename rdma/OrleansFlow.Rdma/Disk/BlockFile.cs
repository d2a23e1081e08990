using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma.Disk;

/// <summary>
/// A block kept in a file: a 64-byte header (magic, access key, length) followed by the bytes. The key lives in the
/// file so that any process on the host can open the block with the descriptor alone and still be refused a wrong key.
/// Used by the Disk store and by the memory tier's spill.
/// </summary>
internal static class BlockFile
{
    public const int HeaderSize = 64;
    private const ulong Magic = 0x314B4C4246464F4F; // "OOFFBLK1" little-endian: marks our files

    public static void Create(string path, ulong accessKey, long length)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[HeaderSize];
        header.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], accessKey);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], length);
        RandomAccess.SetLength(handle, HeaderSize + length);
        RandomAccess.Write(handle, header, 0);
    }

    /// <summary>Opens the block's file and checks the key; the caller disposes the handle.</summary>
    /// <returns>The open file and the block's length as recorded at allocation.</returns>
    public static (SafeFileHandle Handle, long Length) Open(BlockDescriptor block, string path, bool forWriting)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, forWriting ? FileAccess.ReadWrite : FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw BlockChecks.NotFound(block);
        }
        try
        {
            Span<byte> header = stackalloc byte[HeaderSize];
            if (RandomAccess.Read(handle, header, 0) != HeaderSize || BinaryPrimitives.ReadUInt64LittleEndian(header) != Magic)
                throw new InvalidDataException($"File {path} (block {block.BlockId}) is not an OrleansFlow block file: its header is missing or damaged.");
            if (BinaryPrimitives.ReadUInt64LittleEndian(header[8..]) != block.AccessKey)
                throw BlockChecks.Denied(block);
            return (handle, BinaryPrimitives.ReadInt64LittleEndian(header[16..]));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public static async ValueTask ReadAsync(BlockDescriptor block, string path, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var (handle, length) = Open(block, path, forWriting: false);
        using (handle)
        {
            BlockChecks.ThrowIfOutOfRange(block.BlockId, length, offset, destination.Length);
            var filePosition = HeaderSize + offset;
            while (!destination.IsEmpty)
            {
                var read = await RandomAccess.ReadAsync(handle, destination, filePosition, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    throw new InvalidDataException($"File {path} (block {block.BlockId}) ended at byte {filePosition}, before the block's {length} bytes.");
                destination = destination[read..];
                filePosition += read;
            }
        }
    }

    public static async ValueTask WriteAsync(BlockDescriptor block, string path, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        var (handle, length) = Open(block, path, forWriting: true);
        using (handle)
        {
            BlockChecks.ThrowIfOutOfRange(block.BlockId, length, offset, source.Length);
            await RandomAccess.WriteAsync(handle, source, HeaderSize + offset, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the file if it exists and holds <paramref name="block"/>'s key; true when it was deleted.</summary>
    public static bool Delete(BlockDescriptor block, string path)
    {
        if (!File.Exists(path))
            return false;
        try
        {
            Open(block, path, forWriting: false).Handle.Dispose();
        }
        catch (BlockNotFoundException)
        {
            return false;
        }
        File.Delete(path);
        return true;
    }
}
