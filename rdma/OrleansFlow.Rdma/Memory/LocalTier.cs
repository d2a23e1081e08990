using System.Collections.Concurrent;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.DataPlane;
using OrleansFlow.Rdma.Disk;

namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// The blocks this process owns in the memory tier: one region of registered memory (shared or private) cut into
/// aligned blocks by a best-fit allocator, and block files in the spill directory once the DRAM budget is spent.
/// Every access checks the descriptor's key against the one recorded at allocation.
/// </summary>
internal sealed unsafe class LocalTier : IBlockHost, IDisposable
{
    private readonly TierRegion _region;
    private readonly BlockSlots? _slots;
    private readonly long _dataStart;
    private readonly RegionAllocator _allocator;
    private readonly Lock _allocatorLock = new();
    private readonly ConcurrentDictionary<string, TierBlock> _blocks = new();
    private readonly string _spillDirectory;
    private readonly string _owner;
    private readonly string _host;
    private readonly BlockIds _ids = new();
    private readonly OperationGate _gate = new("memory tier");
    private long _spilledBytes;

    public LocalTier(BlockStoreOptions options, string owner)
    {
        _owner = owner;
        _host = options.HostIdentity;
        _spillDirectory = Path.GetFullPath(options.SpillDirectory);
        DeadProcessSweeper.SweepSpill(_spillDirectory);
        _allocator = new RegionAllocator(options.MemoryCapacityBytes, options.BlockAlignment);
        if (options.EnableSharedMemory)
        {
            Directory.CreateDirectory(options.SharedMemoryDirectory);
            DeadProcessSweeper.Sweep(options.SharedMemoryDirectory);
            var path = Path.Combine(Path.GetFullPath(options.SharedMemoryDirectory),
                $"{DeadProcessSweeper.FilePrefix}{Environment.ProcessId}-{Guid.NewGuid():N}{DeadProcessSweeper.FileSuffix}");
            var overhead = BlockSlots.OverheadFor(_allocator.CapacityBytes, options.BlockAlignment);
            _region = TierRegion.CreateShared(path, overhead + _allocator.CapacityBytes);
            _slots = BlockSlots.Format(_region.Pointer, _allocator.CapacityBytes, options.BlockAlignment);
            _dataStart = _slots.DataStart;
        }
        else
        {
            _region = TierRegion.AllocatePrivate(_allocator.CapacityBytes, options.BlockAlignment);
        }
        if (options.PreTouchMemory)
            _region.Touch(_dataStart, _allocator.CapacityBytes);
    }

    public ShuffleStoreKind Kind => ShuffleStoreKind.Memory;

    /// <summary>The shared region file peers map, or null when the tier is private.</summary>
    public string? SharedPath => _region.SharedPath;

    public BlockDescriptor Allocate(string jobId, ulong accessKey, long length)
    {
        BlockIds.ThrowIfInvalidJobId(jobId);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        using var inside = _gate.Enter();
        var blockId = _ids.Next();
        long offset;
        lock (_allocatorLock)
            offset = _allocator.TryAllocate(length);
        TierBlock block;
        if (offset >= 0)
        {
            var regionOffset = _dataStart + offset;
            var location = _region.SharedPath is { } path ? TierLocations.Of(TierLocations.SharedPrefix, _host, path) : TierLocations.Private;
            block = new TierBlock(new BlockDescriptor(ShuffleStoreKind.Memory, blockId, jobId, _owner, location, regionOffset, length, accessKey), regionOffset, null);
            _slots?.Publish(regionOffset, TierLocations.HashId(blockId), accessKey, length);
        }
        else
        {
            // DRAM budget spent: the block goes to a file; readers see the same descriptor shape and never notice.
            var path = Path.Combine(_spillDirectory, jobId, blockId);
            BlockFile.Create(path, accessKey, length);
            Interlocked.Add(ref _spilledBytes, length);
            block = new TierBlock(new BlockDescriptor(ShuffleStoreKind.Memory, blockId, jobId, _owner, TierLocations.Of(TierLocations.SpillPrefix, _host, path), BlockFile.HeaderSize, length, accessKey), -1, path);
        }
        _blocks[blockId] = block;
        return block.Descriptor;
    }

    public ValueTask ReadAsync(BlockDescriptor descriptor, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        using var inside = _gate.Enter();
        var block = Find(descriptor);
        if (!block.InDram)
            return BlockFile.ReadAsync(descriptor, block.SpillPath!, offset, destination, cancellationToken);
        DramSpan(block, offset, destination.Length).CopyTo(destination.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync(BlockDescriptor descriptor, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        using var inside = _gate.Enter();
        var block = Find(descriptor);
        if (!block.InDram)
            return BlockFile.WriteAsync(descriptor, block.SpillPath!, offset, source, cancellationToken);
        source.Span.CopyTo(DramSpan(block, offset, source.Length));
        return ValueTask.CompletedTask;
    }

    /// <summary>The block's bytes in place (zero-copy), or false when it was spilled to disk. The memory is valid
    /// until the block is freed (reading it after that returns whatever block reuses the space) and while the store
    /// runs.</summary>
    public bool TryGetMemory(BlockDescriptor descriptor, long offset, int length, out Memory<byte> memory)
    {
        using var inside = _gate.Enter();
        var block = Find(descriptor);
        if (!block.InDram)
        {
            BlockChecks.ThrowIfOutOfRange(descriptor.BlockId, block.Descriptor.Length, offset, length);
            memory = default;
            return false;
        }
        var span = DramSpan(block, offset, length);
        fixed (byte* pointer = span)
            memory = new UnmanagedMemoryManager(pointer, length).Memory;
        return true;
    }

    /// <summary>Frees the block; an unknown block is ignored, a wrong key refused.</summary>
    public void Free(BlockDescriptor descriptor)
    {
        using var inside = _gate.Enter();
        if (!_blocks.TryGetValue(descriptor.BlockId, out var block))
            return;
        if (block.Descriptor.AccessKey != descriptor.AccessKey)
            throw BlockChecks.Denied(descriptor);
        if (_blocks.TryRemove(descriptor.BlockId, out _))
            Release(block);
    }

    public int FreeJob(string jobId)
    {
        using var inside = _gate.Enter();
        return FreeWhere(jobId);
    }

    /// <summary>Frees the job's blocks, or every block when <paramref name="jobId"/> is null.</summary>
    private int FreeWhere(string? jobId)
    {
        var freed = 0;
        foreach (var (blockId, block) in _blocks)
        {
            if ((jobId is null || block.Descriptor.JobId == jobId) && _blocks.TryRemove(blockId, out _))
            {
                Release(block);
                freed++;
            }
        }
        return freed;
    }

    /// <summary>The descriptors of every block held here.</summary>
    public IReadOnlyList<BlockDescriptor> Blocks() => _blocks.Values.Select(b => b.Descriptor).ToList();

    public StoreUsage GetUsage()
    {
        long used;
        lock (_allocatorLock)
            used = _allocator.UsedBytes;
        return new StoreUsage(ShuffleStoreKind.Memory, _allocator.CapacityBytes, used, Interlocked.Read(ref _spilledBytes), _blocks.Count);
    }

    public void Dispose()
    {
        if (!_gate.Close())
            return;
        FreeWhere(null);
        _region.Dispose();
    }

    private TierBlock Find(BlockDescriptor descriptor)
    {
        if (!_blocks.TryGetValue(descriptor.BlockId, out var block))
            throw BlockChecks.NotFound(descriptor);
        if (block.Descriptor.AccessKey != descriptor.AccessKey || block.Descriptor.JobId != descriptor.JobId)
            throw BlockChecks.Denied(descriptor);
        return block;
    }

    private Span<byte> DramSpan(TierBlock block, long offset, int length)
    {
        BlockChecks.ThrowIfOutOfRange(block.Descriptor.BlockId, block.Descriptor.Length, offset, length);
        return _region.Span(block.RegionOffset + offset, length);
    }

    private void Release(TierBlock block)
    {
        if (block.InDram)
        {
            _slots?.Retract(block.RegionOffset);
            lock (_allocatorLock)
                _allocator.Free(block.RegionOffset - _dataStart, block.Descriptor.Length);
        }
        else
        {
            File.Delete(block.SpillPath!);
            Interlocked.Add(ref _spilledBytes, -block.Descriptor.Length);
        }
    }
}
