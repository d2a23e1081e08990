namespace OrleansFlow.Abstractions.Memory;

/// <summary>
/// The data plane, in the spirit of Crail's storage endpoint: allocate a block, write bytes into it, read them back.
/// One implementation per store (memory tier, Redis, local files); each process holds one instance per store and
/// picks the transport to a block's owner by itself (same process, shared memory, TCP).
/// </summary>
/// <remarks>
/// Implementations must be safe for concurrent use. Every call checks the descriptor's access key against the
/// key the block was allocated with and throws <see cref="BlockAccessDeniedException"/> on a mismatch, and
/// <see cref="BlockNotFoundException"/> for a block that was freed or never existed.
/// </remarks>
public interface IBlockStore
{
    /// <summary>The kind of store this is.</summary>
    ShuffleStoreKind Kind { get; }

    /// <summary>Allocates a block of <paramref name="length"/> bytes for <paramref name="jobId"/>, held by this
    /// process where the store is per-silo. The block can then be written and read with <paramref name="accessKey"/>.</summary>
    ValueTask<BlockDescriptor> AllocateAsync(string jobId, ulong accessKey, long length, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="source"/> into <paramref name="block"/> at <paramref name="offset"/>.</summary>
    ValueTask WriteAsync(BlockDescriptor block, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default);

    /// <summary>Reads exactly <c>destination.Length</c> bytes of <paramref name="block"/> from <paramref name="offset"/>.</summary>
    ValueTask ReadAsync(BlockDescriptor block, long offset, Memory<byte> destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads many blocks (or ranges) at once: every <see cref="BlockRead.Destination"/> is filled. Stores that can
    /// batch do so (the memory tier sends one pipelined request stream per owning silo instead of a round trip per
    /// block); the default reads one after the other. Each read is checked on its own (key, range, existence). When
    /// one fails, the call throws that read's exception (the first failing one in list order) after the others in
    /// flight have finished; a refused read's destination is left untouched, other destinations may or may not have
    /// been filled. The destinations must not overlap. An empty list does nothing.
    /// </summary>
    async ValueTask ReadManyAsync(IReadOnlyList<BlockRead> reads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reads);
        for (var i = 0; i < reads.Count; i++)
            await ReadAsync(reads[i].Block, reads[i].Offset, reads[i].Destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes many blocks (or ranges) at once, batched where the store can; the default writes one after the other.
    /// Each write is checked on its own; a refused write changes nothing in its block. On failure the call throws the
    /// first failing write's exception (list order); other writes may or may not have happened.
    /// </summary>
    async ValueTask WriteManyAsync(IReadOnlyList<BlockWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        for (var i = 0; i < writes.Count; i++)
            await WriteAsync(writes[i].Block, writes[i].Offset, writes[i].Source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the block's bytes are in this process, so a read costs no transfer.</summary>
    bool IsLocal(BlockDescriptor block);

    /// <summary>Frees one block. Freeing an unknown block is not an error.</summary>
    ValueTask FreeAsync(BlockDescriptor block, CancellationToken cancellationToken = default);

    /// <summary>Frees every block of <paramref name="jobId"/> that this process holds; returns how many.</summary>
    ValueTask<int> FreeJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Capacity and use of this process's part of the store.</summary>
    StoreUsage GetUsage();
}

/// <summary>Resolves the <see cref="IBlockStore"/> for a job's chosen store.</summary>
public interface IBlockStoreProvider
{
    /// <summary>The store of <paramref name="kind"/>; throws <see cref="InvalidOperationException"/> naming the kind
    /// when it is not configured on this silo.</summary>
    IBlockStore Get(ShuffleStoreKind kind);

    /// <summary>The stores configured on this silo.</summary>
    IReadOnlyCollection<IBlockStore> All { get; }
}
