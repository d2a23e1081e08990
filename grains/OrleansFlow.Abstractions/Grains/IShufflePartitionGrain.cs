using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Abstractions.Grains;

/// <summary>
/// Metadata of one shuffle partition, keyed <c>{jobId}/{shuffle}/{partition}</c>: which blocks hold its data and where.
/// The bytes stay in the block store.
/// </summary>
public interface IShufflePartitionGrain : IGrainWithStringKey
{
    /// <summary>Records the blocks one map task wrote for this partition. A later attempt of the same map task
    /// replaces the blocks of an earlier one, so a retried task is counted once.</summary>
    Task AddBlocks(int mapTask, int attempt, IReadOnlyList<BlockDescriptor> blocks);

    /// <summary>Every block of the partition, in map-task order.</summary>
    Task<IReadOnlyList<BlockDescriptor>> GetBlocks();

    /// <summary>Forgets the partition (the job frees the bytes itself).</summary>
    Task Clear();

    static string KeyOf(string jobId, string shuffle, int partition) => $"{jobId}/{shuffle}/{partition}";
}
