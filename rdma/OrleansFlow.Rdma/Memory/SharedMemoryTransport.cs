using System.Collections.Concurrent;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.Disk;

namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// Reaches blocks of another process on the same host without that process doing any work: maps the owner's region
/// file once, checks the descriptor against the owner's published slot (id, key, length) and copies the bytes;
/// spilled blocks are block files it opens itself. Both are visible only on the owner's host, which is how a block
/// from another host falls through to TCP.
/// </summary>
internal sealed unsafe class SharedMemoryTransport : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<(TierRegion Region, BlockSlots Slots)>> _regions = new();

    /// <summary>True when this transport can reach the block from this host.</summary>
    public bool CanReach(BlockDescriptor block)
    {
        if (TierLocations.TryGetPath(block.Location, TierLocations.SharedPrefix, out var region))
            return _regions.ContainsKey(region) || File.Exists(region);
        return TierLocations.TryGetPath(block.Location, TierLocations.SpillPrefix, out var spill) && File.Exists(spill);
    }

    public ValueTask ReadAsync(BlockDescriptor block, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (TierLocations.TryGetPath(block.Location, TierLocations.SpillPrefix, out var spill))
            return BlockFile.ReadAsync(block, spill, offset, destination, cancellationToken);
        var (region, slots, version) = Open(block, offset, destination.Length);
        region.Span(block.Offset + offset, destination.Length).CopyTo(destination.Span);
        if (!slots.StillOpen(block.Offset, version))
            throw BlockChecks.NotFound(block); // freed while we copied: what we copied may be another block's bytes
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync(BlockDescriptor block, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        if (TierLocations.TryGetPath(block.Location, TierLocations.SpillPrefix, out var spill))
            return BlockFile.WriteAsync(block, spill, offset, source, cancellationToken);
        var (region, slots, version) = Open(block, offset, source.Length);
        source.Span.CopyTo(region.Span(block.Offset + offset, source.Length));
        if (!slots.StillOpen(block.Offset, version))
            throw BlockChecks.NotFound(block);
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var region in _regions.Values)
        {
            if (region.IsValueCreated)
                region.Value.Region.Dispose();
        }
        _regions.Clear();
    }

    private (TierRegion Region, BlockSlots Slots, long Version) Open(BlockDescriptor block, long offset, int count)
    {
        TierLocations.TryGetPath(block.Location, TierLocations.SharedPrefix, out var path);
        var (region, slots) = Attach(block, path);
        var (version, length) = slots.Open(block, TierLocations.HashId(block.BlockId));
        BlockChecks.ThrowIfOutOfRange(block.BlockId, length, offset, count);
        return (region, slots, version);
    }

    private (TierRegion Region, BlockSlots Slots) Attach(BlockDescriptor block, string path)
    {
        var lazy = _regions.GetOrAdd(path, p => new Lazy<(TierRegion, BlockSlots)>(() =>
        {
            var region = TierRegion.OpenShared(p);
            try
            {
                return (region, BlockSlots.Attach(region.Pointer, region.Length, p));
            }
            catch
            {
                region.Dispose();
                throw;
            }
        }));
        try
        {
            return lazy.Value;
        }
        catch (FileNotFoundException)
        {
            _regions.TryRemove(path, out _);
            throw BlockChecks.NotFound(block); // the owner is gone and took its region with it
        }
    }
}
