namespace OrleansFlow.Abstractions.Memory;

/// <summary>
/// Where one block of intermediate data lives and the key that opens it (the RDMA rkey idea).
/// The control plane (shuffle partition grains) hands these out and stores them; the data plane
/// (<see cref="IBlockStore"/>) moves the bytes. A descriptor is small: it travels in grain calls, the bytes never do.
/// </summary>
/// <param name="Store">Which store holds the block (memory tier, Redis, local files).</param>
/// <param name="BlockId">Unique id of the block within its store.</param>
/// <param name="JobId">The job that owns the block; its blocks are freed together when the job ends.</param>
/// <param name="Owner">The data-plane endpoint of the process that holds the bytes (host:port), empty for
/// stores that are not owned by a silo (Redis).</param>
/// <param name="Location">Store-specific locator: a shared-memory file, a region name, a file path or a Redis key.</param>
/// <param name="Offset">Offset of the block inside <paramref name="Location"/>.</param>
/// <param name="Length">Length of the block in bytes.</param>
/// <param name="AccessKey">The job's key; a read or write with another key is refused.</param>
[GenerateSerializer, Immutable]
public sealed record BlockDescriptor(
    [property: Id(0)] ShuffleStoreKind Store,
    [property: Id(1)] string BlockId,
    [property: Id(2)] string JobId,
    [property: Id(3)] string Owner,
    [property: Id(4)] string Location,
    [property: Id(5)] long Offset,
    [property: Id(6)] long Length,
    [property: Id(7)] ulong AccessKey)
{
    /// <summary>Replicas of this block on other silos (replication factor &gt; 1); empty by default.</summary>
    [Id(8)] public IReadOnlyList<BlockDescriptor> Replicas { get; init; } = [];
}
