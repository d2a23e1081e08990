using System.Diagnostics.CodeAnalysis;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.DataPlane;

namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// The memory tier as seen from one process. Blocks it allocates live in its own registered memory (spilling to disk
/// past the DRAM budget), with k-1 replicas on peers when the replication factor k is above 1. For every block it picks
/// the transport by itself: same process → local copy (or zero-copy via <see cref="TryGetLocalMemory"/>); same host (the
/// descriptor names this process's host identity) with the owner's region visible → shared memory, one-sided; otherwise TCP to the owner's data plane. Reads fall back to
/// replicas when the primary is gone. Batches (<see cref="ReadManyAsync"/>, <see cref="WriteManyAsync"/>) are in
/// MemoryBlockStore.Batches.cs.
/// </summary>
public sealed partial class MemoryBlockStore : IBlockStore, IDisposable
{
    private readonly LocalTier _local;
    private readonly SharedMemoryTransport? _shared;
    private readonly DataPlaneClient _remote;
    private readonly DataPlaneEndpoint _endpoint;
    private readonly ITierPeerDirectory _peers;
    private readonly int _replicationFactor;

    public MemoryBlockStore(BlockStoreOptions options, DataPlaneEndpoint endpoint, DataPlaneClient remote, ITierPeerDirectory? peers = null)
    {
        BlockStoreOptionsValidator.ThrowIfInvalid(options);
        _endpoint = endpoint;
        _remote = remote;
        _peers = peers ?? new NoTierPeers();
        _replicationFactor = options.ReplicationFactor;
        _local = new LocalTier(options, endpoint.Endpoint);
        _shared = options.EnableSharedMemory ? new SharedMemoryTransport(options.HostIdentity) : null;
    }

    public ShuffleStoreKind Kind => ShuffleStoreKind.Memory;

    /// <summary>The shared region file of this process (null when shared memory is off), for diagnostics.</summary>
    public string? SharedRegionPath => _local.SharedPath;

    /// <summary>Other processes' regions this process has mapped (shared-memory transport).</summary>
    internal int MappedPeerRegions => _shared?.MappedRegions ?? 0;

    /// <summary>The owner side, served to peers by the <see cref="DataPlaneServer"/>.</summary>
    internal IBlockHost Host => _local;

    public async ValueTask<BlockDescriptor> AllocateAsync(string jobId, ulong accessKey, long length, CancellationToken cancellationToken = default)
    {
        var primary = _local.Allocate(jobId, accessKey, length);
        if (_replicationFactor == 1)
            return primary;
        var replicas = new List<BlockDescriptor>(_replicationFactor - 1);
        var unreachable = new List<string>();
        try
        {
            // A peer that does not answer (a silo that died and that membership has not removed yet) is passed
            // over for the next one; only when too few peers answer does the allocation fail.
            foreach (var peer in ReplicaPeers(primary.BlockId))
            {
                if (replicas.Count == _replicationFactor - 1)
                    break;
                try
                {
                    replicas.Add(await _remote.AllocateAsync(peer, ShuffleStoreKind.Memory, jobId, accessKey, length, cancellationToken).ConfigureAwait(false));
                }
                catch (IOException e)
                {
                    unreachable.Add($"{peer} ({e.Message})");
                }
            }
            if (replicas.Count < _replicationFactor - 1)
                throw new IOException(
                    $"Replication factor {_replicationFactor}: only {replicas.Count} of {_replicationFactor - 1} replica(s) of block {primary.BlockId} could be placed; unreachable: {string.Join("; ", unreachable)}");
        }
        catch
        {
            await FreeAsync(primary with { Replicas = replicas }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return primary with { Replicas = replicas };
    }

    public ValueTask WriteAsync(BlockDescriptor block, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Memory);
        if (block.Replicas.Count == 0)
            return WriteOneAsync(block, offset, source, cancellationToken);
        // Every copy must hold the bytes before the write counts: a replica is only useful if it is complete.
        return new ValueTask(Task.WhenAll(Copies(block).Select(copy => WriteOneAsync(copy, offset, source, cancellationToken).AsTask())));
    }

    public async ValueTask ReadAsync(BlockDescriptor block, long offset, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Memory);
        if (block.Replicas.Count == 0)
        {
            await ReadOneAsync(block, offset, destination, cancellationToken).ConfigureAwait(false);
            return;
        }
        Exception? firstError = null;
        foreach (var copy in Copies(block).OrderBy(ChooseTransport))
        {
            try
            {
                await ReadOneAsync(copy, offset, destination, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is BlockNotFoundException or IOException)
            {
                // The copy's silo is gone (unreachable, or its region went with it): try the next copy.
                firstError ??= e;
            }
        }
        throw firstError!;
    }

    /// <summary>Zero-copy access to a block held in this process's DRAM: its bytes in tier memory. False when no copy
    /// is local or it was spilled to disk (then use <see cref="ReadAsync"/>). Valid until the block is freed.</summary>
    public bool TryGetLocalMemory(BlockDescriptor block, out Memory<byte> memory)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Memory);
        memory = default;
        var local = Copies(block).FirstOrDefault(c => c.Owner == _endpoint.Endpoint);
        return local is not null && _local.TryGetMemory(local, 0, checked((int)local.Length), out memory);
    }

    /// <summary>Zero-copy read access to a block that another process on this host holds in its DRAM tier: its bytes
    /// in the owner's shared region, mapped here (see <see cref="PeerBlockView"/>; dispose it when done, and check
    /// <see cref="PeerBlockView.IsIntact"/> after reading). False when no copy is reachable that way (shared memory off,
    /// another host, a spilled block): then use <see cref="ReadAsync"/>.</summary>
    public bool TryViewPeerMemory(BlockDescriptor block, [NotNullWhen(true)] out PeerBlockView? view)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Memory);
        view = null;
        foreach (var copy in Copies(block))
        {
            if (ChooseTransport(copy) == TierTransport.SharedMemory && _shared!.TryView(copy, out view))
                return true;
        }
        return false;
    }

    public bool IsLocal(BlockDescriptor block)
    {
        if (block.Owner == _endpoint.Endpoint)
            return true;
        foreach (var replica in block.Replicas)
        {
            if (replica.Owner == _endpoint.Endpoint)
                return true;
        }
        return false;
    }

    /// <summary>The transport this process uses for this copy of a block (replicas are not considered).</summary>
    public TierTransport ChooseTransport(BlockDescriptor block)
    {
        if (block.Owner == _endpoint.Endpoint)
            return TierTransport.Local;
        if (_shared is not null && _shared.CanReach(block))
            return TierTransport.SharedMemory;
        return TierTransport.Tcp;
    }

    public async ValueTask FreeAsync(BlockDescriptor block, CancellationToken cancellationToken = default)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Memory);
        foreach (var copy in Copies(block))
        {
            if (copy.Owner == _endpoint.Endpoint)
            {
                _local.Free(copy);
                continue;
            }
            try
            {
                await _remote.FreeAsync(copy, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The copy's silo is unreachable: if it is gone, its memory went with it; if it comes back, the job's
                // FreeJobAsync on every silo still frees the copy.
            }
        }
    }

    public ValueTask<int> FreeJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        BlockIds.ThrowIfInvalidJobId(jobId);
        return ValueTask.FromResult(_local.FreeJob(jobId));
    }

    public StoreUsage GetUsage() => _local.GetUsage();

    public void Dispose()
    {
        _shared?.Dispose();
        _local.Dispose();
    }

    private ValueTask WriteOneAsync(BlockDescriptor copy, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken) =>
        ChooseTransport(copy) switch
        {
            TierTransport.Local => _local.WriteAsync(copy, offset, source, cancellationToken),
            TierTransport.SharedMemory => _shared!.WriteAsync(copy, offset, source, cancellationToken),
            _ => _remote.WriteAsync(copy, offset, source, cancellationToken),
        };

    private ValueTask ReadOneAsync(BlockDescriptor copy, long offset, Memory<byte> destination, CancellationToken cancellationToken) =>
        ChooseTransport(copy) switch
        {
            TierTransport.Local => _local.ReadAsync(copy, offset, destination, cancellationToken),
            TierTransport.SharedMemory => _shared!.ReadAsync(copy, offset, destination, cancellationToken),
            _ => _remote.ReadAsync(copy, offset, destination, cancellationToken),
        };

    private static IEnumerable<BlockDescriptor> Copies(BlockDescriptor block) => block.Replicas.Prepend(block);

    /// <summary>Every peer, in the order replicas are placed: k-1 of them are needed, starting at a place the block id
    /// picks so replicas spread over the cluster; the rest stand in for peers that do not answer.</summary>
    private IEnumerable<string> ReplicaPeers(string blockId)
    {
        var peers = _peers.GetPeerEndpoints().Where(p => p != _endpoint.Endpoint).Distinct().Order(StringComparer.Ordinal).ToList();
        var needed = _replicationFactor - 1;
        if (peers.Count < needed)
            throw new InvalidOperationException(
                $"Replication factor {_replicationFactor} needs {needed} other silo(s) for the replicas of block {blockId}, but the peer directory lists {peers.Count}" +
                (peers.Count > 0 ? $" ({string.Join(", ", peers)})." : "."));
        var start = (int)(TierLocations.HashId(blockId) % (ulong)peers.Count);
        return Enumerable.Range(0, peers.Count).Select(i => peers[(start + i) % peers.Count]);
    }
}
