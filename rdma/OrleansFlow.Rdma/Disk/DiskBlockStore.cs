using System.Collections.Concurrent;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.DataPlane;

namespace OrleansFlow.Rdma.Disk;

/// <summary>
/// The "local files" shuffle store: each block is a file at DiskDirectory/&lt;jobId&gt;/&lt;blockId&gt; with its key in a
/// header (<see cref="BlockFile"/>). Any process on the host opens the file itself; a process on another host, which
/// cannot see the file, asks the owner over the data plane.
/// </summary>
public sealed class DiskBlockStore : IBlockStore, IBlockHost, IDisposable
{
    private readonly string _root;
    private readonly DataPlaneEndpoint _endpoint;
    private readonly DataPlaneClient? _remote;
    private readonly BlockIds _ids = new();
    private readonly ConcurrentDictionary<string, BlockDescriptor> _owned = new();

    /// <param name="remote">Reaches blocks on other hosts through their owners; null limits the store to this host.</param>
    public DiskBlockStore(BlockStoreOptions options, DataPlaneEndpoint endpoint, DataPlaneClient? remote = null)
    {
        _remote = remote;
        BlockStoreOptionsValidator.ThrowIfInvalid(options);
        _root = Path.GetFullPath(options.DiskDirectory);
        _endpoint = endpoint;
        Directory.CreateDirectory(_root);
    }

    public ShuffleStoreKind Kind => ShuffleStoreKind.Disk;

    public ValueTask<BlockDescriptor> AllocateAsync(string jobId, ulong accessKey, long length, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Allocate(jobId, accessKey, length));

    public BlockDescriptor Allocate(string jobId, ulong accessKey, long length)
    {
        BlockIds.ThrowIfInvalidJobId(jobId);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var blockId = _ids.Next();
        var path = Path.Combine(_root, jobId, blockId);
        BlockFile.Create(path, accessKey, length);
        var block = new BlockDescriptor(ShuffleStoreKind.Disk, blockId, jobId, _endpoint.Endpoint, path, BlockFile.HeaderSize, length, accessKey);
        _owned[blockId] = block;
        return block;
    }

    public ValueTask WriteAsync(BlockDescriptor block, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Disk);
        return UseRemote(block)
            ? _remote!.WriteAsync(block, offset, source, cancellationToken)
            : BlockFile.WriteAsync(block, PathOf(block), offset, source, cancellationToken);
    }

    public ValueTask ReadAsync(BlockDescriptor block, long offset, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Disk);
        return UseRemote(block)
            ? _remote!.ReadAsync(block, offset, destination, cancellationToken)
            : BlockFile.ReadAsync(block, PathOf(block), offset, destination, cancellationToken);
    }

    public bool IsLocal(BlockDescriptor block) => block.Owner == _endpoint.Endpoint;

    public ValueTask FreeAsync(BlockDescriptor block, CancellationToken cancellationToken = default)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Disk);
        if (UseRemote(block))
            return _remote!.FreeAsync(block, cancellationToken);
        if (Path.GetFileName(block.Location) == block.BlockId)
            BlockFile.Delete(block, block.Location);
        _owned.TryRemove(block.BlockId, out _);
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> FreeJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        BlockIds.ThrowIfInvalidJobId(jobId);
        var freed = 0;
        foreach (var (blockId, block) in _owned)
        {
            if (block.JobId != jobId || !_owned.TryRemove(blockId, out _))
                continue;
            File.Delete(block.Location);
            freed++;
        }
        TryRemoveEmptyDirectory(Path.Combine(_root, jobId));
        return ValueTask.FromResult(freed);
    }

    public StoreUsage GetUsage()
    {
        long bytes = 0;
        var blocks = 0;
        foreach (var block in _owned.Values)
        {
            bytes += block.Length;
            blocks++;
        }
        return new StoreUsage(ShuffleStoreKind.Disk, 0, 0, bytes, blocks);
    }

    /// <summary>Deletes the blocks this process made: once it is gone nobody can free them.</summary>
    public void Dispose()
    {
        foreach (var jobId in _owned.Values.Select(b => b.JobId).Distinct().ToList())
            FreeJobAsync(jobId).AsTask().GetAwaiter().GetResult();
    }

    bool IBlockHost.TryGetMemory(BlockDescriptor block, long offset, int count, out Memory<byte> memory)
    {
        var (handle, length) = BlockFile.Open(block, ServedPath(block), forWriting: false);
        handle.Dispose();
        BlockChecks.ThrowIfOutOfRange(block.BlockId, length, offset, count);
        memory = default;
        return false; // file bytes are streamed through a buffer
    }

    ValueTask IBlockHost.ReadAsync(BlockDescriptor block, long offset, Memory<byte> destination, CancellationToken cancellationToken) =>
        BlockFile.ReadAsync(block, ServedPath(block), offset, destination, cancellationToken);

    ValueTask IBlockHost.WriteAsync(BlockDescriptor block, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken) =>
        BlockFile.WriteAsync(block, ServedPath(block), offset, source, cancellationToken);

    void IBlockHost.Free(BlockDescriptor block)
    {
        ServedPath(block);
        FreeAsync(block).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A block asked for by a peer: only files under this store's root are served, whatever the request says.</summary>
    private string ServedPath(BlockDescriptor block)
    {
        var path = PathOf(block);
        if (!Path.GetFullPath(path).StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw BlockChecks.NotFound(block);
        return path;
    }

    /// <summary>A block of another host: its file is not here, only its owner can reach it.</summary>
    private bool UseRemote(BlockDescriptor block) =>
        _remote is not null && block.Owner != _endpoint.Endpoint && !File.Exists(block.Location);

    /// <summary>The block's file, from its descriptor; a descriptor whose location is not &lt;jobId&gt;/&lt;blockId&gt; names no block.</summary>
    private static string PathOf(BlockDescriptor block)
    {
        var path = block.Location;
        if (Path.GetFileName(path) != block.BlockId || Path.GetFileName(Path.GetDirectoryName(path)) != block.JobId)
            throw BlockChecks.NotFound(block);
        return path;
    }

    private static void TryRemoveEmptyDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
                Directory.Delete(directory);
        }
        catch (IOException)
        {
            // Another process put a block of the same job here meanwhile; the directory stays.
        }
    }
}
