namespace OrleansFlow.Abstractions.Jobs;

/// <summary>What one task attempt did and where it ran.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskReport
{
    [Id(0)] public required string Stage { get; init; }
    [Id(1)] public int TaskIndex { get; init; }
    [Id(2)] public int Attempt { get; init; }
    /// <summary>The silo that ran the task.</summary>
    [Id(3)] public required string Silo { get; init; }
    [Id(4)] public TimeSpan Duration { get; init; }
    [Id(5)] public long RecordsIn { get; init; }
    [Id(6)] public long RecordsOut { get; init; }
    [Id(7)] public long BytesIn { get; init; }
    [Id(8)] public long BytesOut { get; init; }
    [Id(9)] public IReadOnlyList<string> OutputFiles { get; init; } = [];
    /// <summary>Why the attempt failed (the task's own error message); null when it succeeded.</summary>
    [Id(10)] public string? Error { get; init; }
    /// <summary>True when the attempt stopped because its job was cancelled.</summary>
    [Id(11)] public bool Cancelled { get; init; }
    /// <summary>When the worker started the attempt (the silo's clock).</summary>
    [Id(12)] public DateTimeOffset StartedAt { get; init; }
    public bool Succeeded => Error is null && !Cancelled;
}
