using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Fabric.Shuffle;

/// <summary>
/// Where tasks register the blocks they wrote for a shuffle and find the blocks they read: the shuffle partition
/// grains, keyed by job, shuffle name and partition. A reader checks that every producer has reported, so a partition
/// whose metadata was lost is told apart from one that is empty.
/// </summary>
public sealed class ShuffleRegistry(IGrainFactory grains)
{
    public IShufflePartitionGrain Partition(string jobId, string shuffle, int partition) =>
        grains.GetGrain<IShufflePartitionGrain>(IShufflePartitionGrain.KeyOf(jobId, shuffle, partition));

    /// <summary>Registers what <paramref name="task"/> wrote for each partition of <paramref name="shuffle"/>: one entry
    /// per partition, null or empty where it wrote nothing (it still reports, so readers know it ran).</summary>
    public Task RegisterAsync(TaskSpec task, string shuffle, IReadOnlyList<IReadOnlyList<BlockDescriptor>?> partitions) =>
        Task.WhenAll(partitions.Select((blocks, p) => Partition(task.JobId, shuffle, p).AddBlocks(task.TaskIndex, task.Attempt, blocks ?? [])));

    /// <summary>The blocks of one partition a task reads. Throws <see cref="ShuffleDataLostException"/> naming the
    /// producers that have not reported (their registration was lost with a silo).</summary>
    public async Task<ShuffleBlocks> GetAsync(string jobId, ShuffleInput input)
    {
        var contents = await Partition(jobId, input.Name, input.Partition).GetBlocks(input.Producers);
        if (contents.MapTasks < input.Producers)
        {
            var reported = contents.Producers.ToHashSet();
            var missing = Enumerable.Range(0, input.Producers).Where(t => !reported.Contains(t)).Select(t => new TaskRef(input.ProducerStage, t)).ToList();
            throw new ShuffleDataLostException(
                $"shuffle {input.Name} partition {input.Partition} holds the output of {contents.MapTasks} of {input.Producers} tasks (its metadata was on a lost silo)",
                missing);
        }
        return new ShuffleBlocks(input, contents.Blocks, contents.BlockProducers);
    }
}

/// <summary>The blocks of one shuffle partition, each with the producing task that wrote it.</summary>
public sealed record ShuffleBlocks(ShuffleInput Input, IReadOnlyList<BlockDescriptor> Blocks, IReadOnlyList<int> BlockProducers)
{
    public long TotalBytes => Blocks.Sum(b => b.Length);

    /// <summary>The failure to raise when blocks <paramref name="first"/> to <paramref name="end"/> (exclusive) cannot be
    /// read: their producers run again.</summary>
    public ShuffleDataLostException Lost(int first, int end, Exception cause) => new(
        $"{end - first} block(s) of shuffle {Input.Name} partition {Input.Partition} from {Blocks[first].BlockId} at {Blocks[first].Owner} on cannot be read: {cause.Message}",
        BlockProducers.Skip(first).Take(end - first).Distinct().Select(t => new TaskRef(Input.ProducerStage, t)).ToList());
}
