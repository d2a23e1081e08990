namespace OrleansFlow.Abstractions.Jobs;

/// <summary>What happened in a job; published on the job's progress stream.</summary>
[GenerateSerializer]
public enum JobEventType
{
    JobStarted = 0,
    StageStarted = 1,
    TaskCompleted = 2,
    TaskRetried = 3,
    StageCompleted = 4,
    JobSucceeded = 5,
    JobFailed = 6,
    JobCancelled = 7,
}

/// <summary>One progress event of a job (Orleans Streaming, namespace <see cref="FlowNames.JobEventsNamespace"/>, key = job id).</summary>
[GenerateSerializer, Immutable]
public sealed record JobEvent
{
    [Id(0)] public required string JobId { get; init; }
    [Id(1)] public JobEventType Type { get; init; }
    [Id(2)] public string? Stage { get; init; }
    [Id(3)] public int StageIndex { get; init; }
    [Id(4)] public int StageCount { get; init; }
    [Id(5)] public int CompletedTasks { get; init; }
    [Id(6)] public int TotalTasks { get; init; }
    [Id(7)] public string? Message { get; init; }
    [Id(8)] public DateTimeOffset Timestamp { get; init; }
    /// <summary>What the event's stage does (<see cref="StageRole.Other"/> for job-level events).</summary>
    [Id(9)] public StageRole StageRole { get; init; }

    public bool IsTerminal => Type is JobEventType.JobSucceeded or JobEventType.JobFailed or JobEventType.JobCancelled;
}
