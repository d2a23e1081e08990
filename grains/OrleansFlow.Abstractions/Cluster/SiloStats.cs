using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Abstractions.Cluster;

/// <summary>What one silo has done and holds: tasks run, slots, and the block stores' use.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloStats
{
    [Id(0)] public required string Silo { get; init; }
    [Id(1)] public string? DataEndpoint { get; init; }
    [Id(2)] public int TaskSlots { get; init; }
    [Id(3)] public int RunningTasks { get; init; }
    [Id(4)] public long TasksCompleted { get; init; }
    [Id(5)] public long TasksFailed { get; init; }
    [Id(6)] public IReadOnlyList<StoreUsage> Stores { get; init; } = [];
    /// <summary>The silo is draining: it takes no new tasks and moves its blocks to the other silos before it stops.</summary>
    [Id(7)] public bool Draining { get; init; }
    [Id(8)] public SiloRole Role { get; init; }
}
