using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.DataPlane;

namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// The memory tier as seen from one process: blocks it allocates live in its own registered memory (spilling to disk),
/// and for every block it picks the transport by itself: same process → local copy (or zero-copy via
/// <see cref="TryGetLocalMemory"/>); same host with the owner's region visible → shared memory; otherwise TCP to the owner.
/// </summary>
public sealed class MemoryBlockStore : IBlockStore, IDisposable
{
    private readonly LocalTier _local;
    private readonly SharedMemoryTransport? _shared;
    private readonly DataPlaneEndpoint _endpoint;

    public MemoryBlockStore(BlockStoreOptions options, DataPlaneEndpoint endpoint)
    {
        BlockStoreOptionsValidator.ThrowIfInvalid(options);
        _endpoint = endpoint;
        _local = new LocalTier(options, endpoint.Endpoint);
        _shared = options.EnableSharedMemory ? new SharedMemoryTransport() : null;
    }

    public ShuffleStoreKind Kind => ShuffleStoreKind.Memory;

    /// <summary>The shared region file of this process (null when shared memory is off), for diagnostics.</summary>
    public string? SharedRegionPath => _local.SharedPath;

    public ValueTask<BlockDescriptor> AllocateAsync(string jobId, ulong accessKey, long length, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_local.Allocate(jobId, accessKey, length));

    public ValueTask WriteAsync(BlockDescriptor block, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Memory);
        return ChooseTransport(block) switch
        {
            TierTransport.Local => _local.WriteAsync(block, offset, source, cancellationToken),
            TierTransport.SharedMemory => _shared!.WriteAsync(block, offset, source, cancellationToken),
            _ => throw Unreachable(block),
        };
    }

    public ValueTask ReadAsync(BlockDescriptor block, long offset, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Memory);
        return ChooseTransport(block) switch
        {
            TierTransport.Local => _local.ReadAsync(block, offset, destination, cancellationToken),
            TierTransport.SharedMemory => _shared!.ReadAsync(block, offset, destination, cancellationToken),
            _ => throw Unreachable(block),
        };
    }

    /// <summary>Zero-copy access to a block this process owns: its bytes in tier memory. False when the block is not
    /// local or was spilled to disk (then use <see cref="ReadAsync"/>). Valid until the block is freed.</summary>
    public bool TryGetLocalMemory(BlockDescriptor block, out Memory<byte> memory)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Memory);
        memory = default;
        return IsLocal(block) && _local.TryGetDramMemory(block, 0, checked((int)block.Length), out memory);
    }

    public bool IsLocal(BlockDescriptor block) => block.Owner == _endpoint.Endpoint;

    /// <summary>The transport this process would use for <paramref name="block"/>.</summary>
    public TierTransport ChooseTransport(BlockDescriptor block)
    {
        if (IsLocal(block))
            return TierTransport.Local;
        if (_shared is not null && _shared.CanReach(block))
            return TierTransport.SharedMemory;
        return TierTransport.Tcp;
    }

    public ValueTask FreeAsync(BlockDescriptor block, CancellationToken cancellationToken = default)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Memory);
        if (!IsLocal(block))
            throw Unreachable(block);
        _local.Free(block);
        return ValueTask.CompletedTask;
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

    private static InvalidOperationException Unreachable(BlockDescriptor block) =>
        new($"Block {block.BlockId} is owned by {block.Owner}, which this process cannot reach.");
}
