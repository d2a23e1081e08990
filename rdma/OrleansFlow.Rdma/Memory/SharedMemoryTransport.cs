using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.Disk;

namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// Reaches blocks of another process on the same host without that process doing any work: maps the owner's region
/// file once, checks the descriptor against the owner's published slot (id, key, length) and copies the bytes;
/// spilled blocks are block files it opens itself. Only for blocks whose location names this host (see
/// <see cref="HostIdentity"/>): a file of the same name elsewhere proves nothing, so other hosts' blocks go to TCP.
/// </summary>
internal sealed class SharedMemoryTransport(string host) : IDisposable
{
    private readonly ConcurrentDictionary<string, PeerRegion> _regions = new();
    private readonly Lock _attachLock = new();

    /// <summary>How many other processes' regions are mapped here now.</summary>
    public int MappedRegions => _regions.Count;

    /// <summary>True when this transport can reach the block from this host.</summary>
    public bool CanReach(BlockDescriptor block)
    {
        if (TierLocations.TryGetPathOn(block.Location, TierLocations.SharedPrefix, host, out var path))
        {
            if (!_regions.TryGetValue(path, out var mapped))
                return File.Exists(path);
            if (!mapped.IsOrphaned())
                return true;
            Retire(mapped);
            return false;
        }
        return TierLocations.TryGetPathOn(block.Location, TierLocations.SpillPrefix, host, out var spill) && File.Exists(spill);
    }

    public ValueTask ReadAsync(BlockDescriptor block, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (TierLocations.TryGetPath(block.Location, TierLocations.SpillPrefix, out var spill))
            return BlockFile.ReadAsync(block, spill, offset, destination, cancellationToken);
        var peer = Acquire(block);
        try
        {
            var version = Open(peer, block, offset, destination.Length);
            peer.Region.Span(block.Offset + offset, destination.Length).CopyTo(destination.Span);
            if (!peer.Slots.StillOpen(block.Offset, version))
                throw BlockChecks.NotFound(block); // freed while we copied: what we copied may be another block's bytes
        }
        finally
        {
            peer.Release();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The block's bytes in place in its owner's mapped region (see <see cref="PeerBlockView"/>), or false for a
    /// spilled block (a file: read it). Throws as <see cref="ReadAsync"/> does for a block that is gone or not yours.
    /// </summary>
    public unsafe bool TryView(BlockDescriptor block, [NotNullWhen(true)] out PeerBlockView? view)
    {
        view = null;
        if (!TierLocations.TryGetPath(block.Location, TierLocations.SharedPrefix, out _))
            return false;
        var peer = Acquire(block);
        try
        {
            var length = checked((int)block.Length);
            var version = Open(peer, block, 0, length);
            fixed (byte* start = peer.Region.Span(block.Offset, length))
                view = new PeerBlockView(peer, block.Offset, version, new UnmanagedMemoryManager(start, length).Memory);
            return true;
        }
        catch
        {
            peer.Release();
            throw;
        }
    }

    public ValueTask WriteAsync(BlockDescriptor block, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        if (TierLocations.TryGetPath(block.Location, TierLocations.SpillPrefix, out var spill))
            return BlockFile.WriteAsync(block, spill, offset, source, cancellationToken);
        var peer = Acquire(block);
        try
        {
            var version = Open(peer, block, offset, source.Length);
            source.Span.CopyTo(peer.Region.Span(block.Offset + offset, source.Length));
            if (!peer.Slots.StillOpen(block.Offset, version))
                throw BlockChecks.NotFound(block);
        }
        finally
        {
            peer.Release();
        }
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var peer in _regions.Values)
            Retire(peer);
    }

    private long Open(PeerRegion peer, BlockDescriptor block, long offset, int count)
    {
        try
        {
            var (version, length) = peer.Slots.Open(block, TierLocations.HashId(block.BlockId));
            BlockChecks.ThrowIfOutOfRange(block.BlockId, length, offset, count);
            return version;
        }
        catch (BlockNotFoundException) when (!File.Exists(peer.Path))
        {
            Retire(peer); // the owner stopped and retracted its blocks: let its memory go
            throw;
        }
    }

    /// <summary>The mapped region of the block's owner, mapped now if needed, with a reference held for the caller.</summary>
    private PeerRegion Acquire(BlockDescriptor block)
    {
        TierLocations.TryGetPath(block.Location, TierLocations.SharedPrefix, out var path);
        while (true)
        {
            var peer = _regions.TryGetValue(path, out var mapped) ? mapped : Attach(block, path);
            if (peer.TryAcquire())
                return peer;
            _regions.TryRemove(new KeyValuePair<string, PeerRegion>(path, peer)); // retired meanwhile: map afresh
        }
    }

    private unsafe PeerRegion Attach(BlockDescriptor block, string path)
    {
        lock (_attachLock)
        {
            if (_regions.TryGetValue(path, out var mapped))
                return mapped;
            TierRegion region;
            try
            {
                region = TierRegion.OpenShared(path);
            }
            catch (FileNotFoundException)
            {
                throw BlockChecks.NotFound(block); // the owner is gone and took its region with it
            }
            try
            {
                var peer = new PeerRegion(path, region, BlockSlots.Attach(region.Pointer, region.Length, path));
                _regions[path] = peer;
                return peer;
            }
            catch
            {
                region.Dispose();
                throw;
            }
        }
    }

    private void Retire(PeerRegion peer)
    {
        if (_regions.TryRemove(new KeyValuePair<string, PeerRegion>(peer.Path, peer)))
            peer.Release(); // drop the cache's reference; the last transfer using it unmaps it
    }
}
