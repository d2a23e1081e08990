using Orleans.Storage;
using OrleansFlow.Abstractions;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Fabric.Shuffle;

/// <summary>
/// Block list of one shuffle partition. Only descriptors live here; the bytes stay in the block store. The list is
/// persisted with the job's state (Redis on a Redis cluster), so a silo that dies with this grain takes no
/// registration with it: the grain comes back elsewhere with every producer's blocks, and only the producers whose
/// blocks were on the dead silo run again.
/// Placed at random: a job's partitions spread over the silos, so no one silo holds all of a shuffle's metadata.
/// </summary>
[Orleans.Placement.RandomPlacement]
[CollectionAgeLimit(Hours = 4)]
public sealed class ShufflePartitionGrain(
    [PersistentState("shuffle", FlowNames.JobStorage)] IPersistentState<ShufflePartitionGrain.State> state) : Grain, IShufflePartitionGrain
{
    private SortedDictionary<int, Registration> Registrations => state.State.ByMapTask;

    public Task AddBlocks(int mapTask, int attempt, IReadOnlyList<BlockDescriptor> blocks) => UpdateAsync(() =>
    {
        if (Registrations.TryGetValue(mapTask, out var seen) && seen.Attempt > attempt)
            return false;
        Registrations[mapTask] = new Registration(attempt, blocks);
        return true;
    });

    public async Task<ShufflePartitionContents> GetBlocks(int expectedProducers)
    {
        // Short of producers: another activation of this partition may have taken registrations meanwhile (the grain
        // directory can place a second one while a silo's death is being detected); what is stored is the truth.
        if (Registrations.Count < expectedProducers)
            await state.ReadStateAsync();
        return Contents();
    }

    private ShufflePartitionContents Contents()
    {
        var blocks = new List<BlockDescriptor>();
        var producers = new List<int>();
        foreach (var (task, written) in Registrations)
        {
            blocks.AddRange(written.Blocks);
            producers.AddRange(Enumerable.Repeat(task, written.Blocks.Count));
        }
        return new ShufflePartitionContents(Registrations.Keys.ToList(), blocks, producers);
    }

    public async Task<int> MoveBlocks(IReadOnlyList<BlockMove> moves)
    {
        var byId = moves.ToDictionary(m => m.FromBlockId, m => m.To, StringComparer.Ordinal);
        var moved = 0;
        await UpdateAsync(() =>
        {
            moved = 0;
            foreach (var (task, written) in Registrations.ToList())
            {
                if (!written.Blocks.Any(b => byId.ContainsKey(b.BlockId)))
                    continue;
                var blocks = written.Blocks.Select(b => byId.TryGetValue(b.BlockId, out var to) ? to : b).ToList();
                moved += written.Blocks.Count(b => byId.ContainsKey(b.BlockId));
                Registrations[task] = written with { Blocks = blocks };
            }
            return moved > 0;
        });
        return moved;
    }

    /// <summary>Applies <paramref name="change"/> (true when it changed something) and stores the result. When another
    /// activation of this partition stored first (the stored version moved on), the change is applied again to what
    /// it stored: registrations are per map task, so applying one twice is the same as once.</summary>
    private async Task UpdateAsync(Func<bool> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!change())
                return;
            try
            {
                await state.WriteStateAsync();
                return;
            }
            catch (InconsistentStateException) when (attempt < MaxWriteConflicts)
            {
                await state.ReadStateAsync();
            }
        }
    }

    private const int MaxWriteConflicts = 5;

    public async Task Clear()
    {
        Registrations.Clear();
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    [GenerateSerializer]
    public sealed class State
    {
        [Id(0)] public SortedDictionary<int, Registration> ByMapTask { get; set; } = new();
    }

    [GenerateSerializer, Immutable]
    public sealed record Registration([property: Id(0)] int Attempt, [property: Id(1)] IReadOnlyList<BlockDescriptor> Blocks);
}
