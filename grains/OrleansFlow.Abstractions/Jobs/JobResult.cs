namespace OrleansFlow.Abstractions.Jobs;

/// <summary>What a finished job produced: its output files, every task's report, and totals.</summary>
[GenerateSerializer, Immutable]
public sealed record JobResult
{
    [Id(0)] public required JobInfo Info { get; init; }
    [Id(1)] public string? OutputDirectory { get; init; }
    [Id(2)] public IReadOnlyList<string> OutputFiles { get; init; } = [];
    /// <summary>The attempt that produced each task's output (one per task).</summary>
    [Id(3)] public IReadOnlyList<TaskReport> Tasks { get; init; } = [];
    /// <summary>Every other attempt: failed, cancelled, lost with a silo, or whose output was lost and recomputed.</summary>
    [Id(4)] public IReadOnlyList<TaskReport> OtherAttempts { get; init; } = [];
    /// <summary>What the job used, every attempt counted.</summary>
    [Id(5)] public JobBill Bill { get; init; } = new();
    /// <summary>Silos that drained (left gracefully) while the job ran, and the job's blocks each moved away.</summary>
    [Id(6)] public IReadOnlyList<SiloDrainRecord> Drains { get; init; } = [];
}
