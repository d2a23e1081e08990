namespace OrleansFlow.Abstractions.Cluster;

/// <summary>What a silo's drain did: tasks it let finish, tasks still running when the wait ended (they run again
/// elsewhere), blocks and bytes it copied to the silos that stay, the jobs it told, and how long it took.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloDrainSummary
{
    [Id(0)] public required string Silo { get; init; }
    [Id(1)] public int TasksFinished { get; init; }
    [Id(2)] public int TasksAbandoned { get; init; }
    [Id(3)] public int BlocksMoved { get; init; }
    [Id(4)] public long BytesMoved { get; init; }
    [Id(5)] public int Jobs { get; init; }
    [Id(6)] public TimeSpan Duration { get; init; }
    /// <summary>Blocks that could not be copied (no silo left to take them, or a copy failed): their producers run again.</summary>
    [Id(7)] public int BlocksLeft { get; init; }
}
