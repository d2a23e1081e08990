using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma;

/// <summary>Argument checks shared by every store, so bad calls fail the same way everywhere.</summary>
internal static class BlockChecks
{
    public static void ThrowIfWrongStore(BlockDescriptor block, ShuffleStoreKind expected)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Store != expected)
            throw new ArgumentException($"Block {block.BlockId} belongs to the {block.Store} store, not the {expected} store.", nameof(block));
    }

    /// <summary>Checks [offset, offset+count) against the block's real length (the one recorded at allocation).</summary>
    public static void ThrowIfOutOfRange(string blockId, long blockLength, long offset, long count)
    {
        if (offset < 0 || count < 0 || offset > blockLength || count > blockLength - offset)
            throw new ArgumentOutOfRangeException(nameof(offset),
                $"Range [{offset}, {offset + count}) is outside block {blockId} of {blockLength} bytes.");
    }

    public static BlockAccessDeniedException Denied(BlockDescriptor block) =>
        new($"Access to block {block.BlockId} of job {block.JobId} ({block.Store} store, owner {Show(block.Owner)}) was refused: the access key does not match the key the block was allocated with.");

    public static BlockNotFoundException NotFound(BlockDescriptor block) =>
        new($"Block {block.BlockId} of job {block.JobId} ({block.Store} store, owner {Show(block.Owner)}) does not exist: it was freed or never allocated.");

    private static string Show(string owner) => owner.Length == 0 ? "none" : owner;
}
