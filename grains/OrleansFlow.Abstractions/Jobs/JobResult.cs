namespace OrleansFlow.Abstractions.Jobs;

/// <summary>What a finished job produced: its output files, every task's report, and totals.</summary>
[GenerateSerializer, Immutable]
public sealed record JobResult
{
    [Id(0)] public required JobInfo Info { get; init; }
    [Id(1)] public string? OutputDirectory { get; init; }
    [Id(2)] public IReadOnlyList<string> OutputFiles { get; init; } = [];
    [Id(3)] public IReadOnlyList<TaskReport> Tasks { get; init; } = [];
}
