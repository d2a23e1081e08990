using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// One contiguous range of registered memory: either a file on a tmpfs (/dev/shm), mapped so that other processes on
/// the host can map it too, or private aligned native memory. It stays mapped until disposed, so a pointer into it
/// never dangles while the store lives.
/// </summary>
internal sealed unsafe class TierRegion : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly bool _ownsFile;
    private byte* _base;

    private TierRegion(byte* pointer, long length, string? path, MemoryMappedFile? file, MemoryMappedViewAccessor? view, bool ownsFile)
    {
        _base = pointer;
        Length = length;
        SharedPath = path;
        _file = file;
        _view = view;
        _ownsFile = ownsFile;
    }

    public byte* Pointer => _base;

    public long Length { get; }

    /// <summary>The file other processes map, or null for private memory.</summary>
    public string? SharedPath { get; }

    public Span<byte> Span(long offset, int length)
    {
        if (offset < 0 || length < 0 || offset > Length - length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"Range [{offset}, {offset + length}) is outside region {SharedPath ?? "(private)"} of {Length} bytes.");
        return new Span<byte>(_base + offset, length);
    }

    /// <summary>
    /// Writes a zero into every 4 KB page of [<paramref name="offset"/>, offset + <paramref name="length"/>), on every
    /// core, so the pages are resident before blocks use them. Only for a range no block uses yet (it is zero anyway:
    /// fresh tmpfs and fresh private pages read as zero, and nothing else writes there).
    /// </summary>
    public void Touch(long offset, long length)
    {
        const int page = 4096;
        const long piece = 64L << 20;
        if (offset < 0 || length < 0 || offset > Length - length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"Range [{offset}, {offset + length}) is outside region {SharedPath ?? "(private)"} of {Length} bytes.");
        var pieces = (int)((length + piece - 1) / piece);
        var start = (nint)(_base + offset);
        Parallel.For(0, pieces, p =>
        {
            var from = (byte*)start + p * piece;
            var end = Math.Min(length, (p + 1) * piece) - p * piece;
            for (long at = 0; at < end; at += page)
                Volatile.Write(ref from[at], (byte)0);
        });
    }

    /// <summary>Private memory aligned to <paramref name="alignment"/>, committed by the OS page by page as it is touched.</summary>
    public static TierRegion AllocatePrivate(long length, int alignment) =>
        new((byte*)NativeMemory.AlignedAlloc((nuint)length, (nuint)alignment), length, null, null, null, ownsFile: false);

    /// <summary>Creates and maps a new shared file; tmpfs gives it pages only as they are written.</summary>
    public static TierRegion CreateShared(string path, long length)
    {
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.CreateNew, null, length, MemoryMappedFileAccess.ReadWrite);
        return Map(file, path, length, ownsFile: true);
    }

    /// <summary>Maps another process's region file (the shared-memory transport).</summary>
    public static TierRegion OpenShared(string path)
    {
        var length = new FileInfo(path).Length;
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
        return Map(file, path, length, ownsFile: false);
    }

    private static TierRegion Map(MemoryMappedFile file, string path, long length, bool ownsFile)
    {
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            return new TierRegion(pointer + view.PointerOffset, length, path, file, view, ownsFile);
        }
        catch
        {
            view?.Dispose();
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_base == null)
            return;
        if (_view is null)
        {
            NativeMemory.AlignedFree(_base);
        }
        else
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file!.Dispose();
            if (_ownsFile)
                File.Delete(SharedPath!);
        }
        _base = null;
    }
}
