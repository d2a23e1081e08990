using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma.DataPlane;

/// <summary>
/// The owner side of a store: the blocks this process holds, as the data-plane server serves them to peers.
/// This is the target an RDMA NIC would serve one-sided; here the server's threads do it.
/// </summary>
internal interface IBlockHost
{
    ShuffleStoreKind Kind { get; }

    BlockDescriptor Allocate(string jobId, ulong accessKey, long length);

    /// <summary>Checks the block, key and range; gives the bytes in place when they are in memory (zero-copy send and
    /// receive), or false when they must go through <see cref="ReadAsync"/> / <see cref="WriteAsync"/>.</summary>
    bool TryGetMemory(BlockDescriptor block, long offset, int count, out Memory<byte> memory);

    ValueTask ReadAsync(BlockDescriptor block, long offset, Memory<byte> destination, CancellationToken cancellationToken);

    ValueTask WriteAsync(BlockDescriptor block, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken);

    void Free(BlockDescriptor block);
}
