using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Fabric.Shuffle;

/// <summary>
/// Block list of one shuffle partition. Only descriptors live here; the bytes stay in the block store.
/// Kept in memory: a lost partition grain is rebuilt by re-running the producing tasks.
/// </summary>
[CollectionAgeLimit(Hours = 4)] // must outlive the longest map stage: its metadata is not persisted
public sealed class ShufflePartitionGrain : Grain, IShufflePartitionGrain
{
    private readonly SortedDictionary<int, (int Attempt, IReadOnlyList<BlockDescriptor> Blocks)> _byMapTask = new();

    public Task AddBlocks(int mapTask, int attempt, IReadOnlyList<BlockDescriptor> blocks)
    {
        if (!_byMapTask.TryGetValue(mapTask, out var seen) || seen.Attempt <= attempt)
            _byMapTask[mapTask] = (attempt, blocks);
        return Task.CompletedTask;
    }

    public Task<ShufflePartitionContents> GetBlocks()
    {
        var blocks = new List<BlockDescriptor>();
        var producers = new List<int>();
        foreach (var (task, written) in _byMapTask)
        {
            blocks.AddRange(written.Blocks);
            producers.AddRange(Enumerable.Repeat(task, written.Blocks.Count));
        }
        return Task.FromResult(new ShufflePartitionContents(_byMapTask.Keys.ToList(), blocks, producers));
    }

    public Task Clear()
    {
        _byMapTask.Clear();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
