using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Abstractions.Grains;

/// <summary>
/// Metadata of one shuffle partition, keyed <c>{jobId}/{shuffle}/{partition}</c>: which blocks hold its data and where.
/// The bytes stay in the block store.
/// </summary>
public interface IShufflePartitionGrain : IGrainWithStringKey
{
    /// <summary>Records the blocks one map task wrote for this partition (an empty list when it wrote none, so the
    /// partition knows the task has reported). A later attempt of the same map task replaces an earlier one's blocks,
    /// so a retried task is counted once.</summary>
    Task AddBlocks(int mapTask, int attempt, IReadOnlyList<BlockDescriptor> blocks);

    /// <summary>Every block of the partition, in map-task order, and which map tasks have reported. When fewer than
    /// <paramref name="expectedProducers"/> have, the partition first reloads what is stored.</summary>
    Task<ShufflePartitionContents> GetBlocks(int expectedProducers);

    /// <summary>Points the partition's descriptors of moved blocks at their copies; returns how many it holds.</summary>
    Task<int> MoveBlocks(IReadOnlyList<BlockMove> moves);

    /// <summary>Forgets the partition (the job frees the bytes itself).</summary>
    Task Clear();

    static string KeyOf(string jobId, string shuffle, int partition) => $"{jobId}/{shuffle}/{partition}";
}

/// <param name="Producers">The map tasks that have reported blocks (possibly none) for this partition, in order.</param>
/// <param name="Blocks">Their blocks, in map-task order.</param>
/// <param name="BlockProducers">The map task that wrote each block (parallel to <paramref name="Blocks"/>).</param>
[GenerateSerializer, Immutable]
public sealed record ShufflePartitionContents(
    [property: Id(0)] IReadOnlyList<int> Producers,
    [property: Id(1)] IReadOnlyList<BlockDescriptor> Blocks,
    [property: Id(2)] IReadOnlyList<int> BlockProducers)
{
    /// <summary>How many distinct map tasks have reported.</summary>
    public int MapTasks => Producers.Count;
}
