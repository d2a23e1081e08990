namespace OrleansFlow.Abstractions.Jobs;

/// <summary>A snapshot of a job: status, stages and progress.</summary>
[GenerateSerializer, Immutable]
public sealed record JobInfo
{
    [Id(0)] public required string JobId { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Kind { get; init; }
    [Id(3)] public JobStatus Status { get; init; }
    [Id(4)] public DateTimeOffset? SubmittedAt { get; init; }
    [Id(5)] public DateTimeOffset? StartedAt { get; init; }
    [Id(6)] public DateTimeOffset? FinishedAt { get; init; }
    [Id(7)] public IReadOnlyList<StageInfo> Stages { get; init; } = [];
    /// <summary>The error that failed the job, as the failing task reported it.</summary>
    [Id(8)] public string? Error { get; init; }
    /// <summary>Tasks ready to run that wait for a free slot: the demand an autoscaler adds compute for.</summary>
    [Id(9)] public int WaitingTasks { get; init; }
    /// <summary>Since when the longest-waiting of them has waited; null when none waits.</summary>
    [Id(10)] public DateTimeOffset? WaitingSince { get; init; }
}

/// <summary>Progress and cost of one stage.</summary>
[GenerateSerializer, Immutable]
public sealed record StageInfo
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public int TotalTasks { get; init; }
    [Id(2)] public int CompletedTasks { get; init; }
    [Id(3)] public int Retries { get; init; }
    [Id(4)] public TimeSpan? Duration { get; init; }
    [Id(5)] public long BytesIn { get; init; }
    [Id(6)] public long BytesOut { get; init; }
    /// <summary>When the stage's first task was dispatched; null while it waits for the stages it depends on.</summary>
    [Id(7)] public DateTimeOffset? StartedAt { get; init; }
    /// <summary>When its last task completed; null while it runs.</summary>
    [Id(8)] public DateTimeOffset? FinishedAt { get; init; }
    [Id(9)] public StageRole Role { get; init; }
}

/// <summary>What a stage does in its job, so that clients need not match stage names.</summary>
[GenerateSerializer]
public enum StageRole
{
    Other = 0,
    /// <summary>Reads the job's input and partitions it (MapReduce and sort map stages).</summary>
    Map = 1,
    /// <summary>Reads a shuffle and writes the job's output files.</summary>
    Reduce = 2,
    /// <summary>Samples the input (sort).</summary>
    Sample = 3,
    /// <summary>A stage of a SQL query that writes an exchange.</summary>
    Query = 4,
    /// <summary>The SQL stage that writes the result.</summary>
    Result = 5,
    /// <summary>The SQL result turned into training partitions (SQL → ML).</summary>
    Features = 6,
    /// <summary>One training epoch: a task per worker.</summary>
    Epoch = 7,
    /// <summary>Measures the trained model.</summary>
    Evaluate = 8,
}
