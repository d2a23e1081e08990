using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Grains.Kernels;

namespace OrleansFlow.Grains.Sort;

/// <summary>
/// Where a sort job's blocks are registered: the sample task's split keys under one shuffle name (partition 0),
/// the map tasks' record buckets under another (one partition per reducer).
/// </summary>
internal static class SortShuffle
{
    public const string SplitKeysName = "sort-splits";
    public const string RecordsName = "sort-records";

    public static IShufflePartitionGrain SplitKeys(IGrainFactory grains, string jobId) =>
        grains.GetGrain<IShufflePartitionGrain>(IShufflePartitionGrain.KeyOf(jobId, SplitKeysName, 0));

    public static IShufflePartitionGrain Records(IGrainFactory grains, string jobId, int partition) =>
        grains.GetGrain<IShufflePartitionGrain>(IShufflePartitionGrain.KeyOf(jobId, RecordsName, partition));

    /// <summary>Reads a block whole into <paramref name="destination"/>; a block that cannot be read is lost shuffle data.</summary>
    public static async Task ReadAsync(IBlockStore store, BlockDescriptor block, Memory<byte> destination, CancellationToken cancellationToken)
    {
        try
        {
            await store.ReadAsync(block, 0, destination, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ShuffleDataLostException($"shuffle block {block.BlockId} at {block.Owner} cannot be read: {e.Message}");
        }
    }
}
