using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Fabric.Scheduling;

/// <summary>What a job grain persists, so that the job survives the loss of its silo.</summary>
[GenerateSerializer]
public sealed class JobState
{
    [Id(0)] public JobSpec? Spec { get; set; }
    [Id(1)] public JobStatus Status { get; set; }
    [Id(2)] public DateTimeOffset? SubmittedAt { get; set; }
    [Id(3)] public DateTimeOffset? StartedAt { get; set; }
    [Id(4)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(5)] public string? Error { get; set; }
    [Id(6)] public ulong AccessKey { get; set; }
    [Id(7)] public JobPlan? Plan { get; set; }
    /// <summary>Per stage: the indices of tasks that finished, their reports, and counters.</summary>
    [Id(8)] public List<StageProgress> Progress { get; set; } = [];
    /// <summary>Incremented each time the job (re)starts running, so attempts of a resumed run are newer.</summary>
    [Id(9)] public int Generation { get; set; }
    /// <summary>Silos that drained while the job ran, with the job's blocks each moved to the others.</summary>
    [Id(10)] public List<SiloDrainRecord> Drains { get; set; } = [];
}

[GenerateSerializer]
public sealed class StageProgress
{
    [Id(0)] public Dictionary<int, TaskReport> Completed { get; set; } = [];
    [Id(1)] public int Retries { get; set; }
    [Id(2)] public DateTimeOffset? StartedAt { get; set; }
    [Id(3)] public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Finished tasks whose output was lost and that were run again.</summary>
    [Id(4)] public int Recomputed { get; set; }
    /// <summary>Attempts that did not produce the stage's output: failed, cancelled, lost with a silo, or recomputed.</summary>
    [Id(5)] public List<TaskReport> OtherAttempts { get; set; } = [];
}
