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
    /// <summary>Why the attempt failed; null when it succeeded.</summary>
    [Id(10)] public TaskFailure? Failure { get; init; }
    /// <summary>When the worker started the attempt (the silo's clock).</summary>
    [Id(11)] public DateTimeOffset StartedAt { get; init; }
    /// <summary>CPU time of the threads that ran the attempt's kernel (1 ns clock; see docs/billing.md).</summary>
    [Id(12)] public TimeSpan CpuTime { get; init; }
    /// <summary>How long the attempt waited for a task slot: in the job's queue and at the silo's executor.</summary>
    [Id(13)] public TimeSpan QueuedFor { get; init; }

    /// <summary>The failure's message (the task's own error); null when it succeeded.</summary>
    public string? Error => Failure?.Message;
    /// <summary>True when the attempt stopped because its job was cancelled.</summary>
    public bool Cancelled => Failure?.Kind == TaskFailureKind.Cancelled;
    public bool Succeeded => Failure is null;
}

/// <summary>Why a task attempt failed, and what the job should do about it.</summary>
[GenerateSerializer]
public enum TaskFailureKind
{
    /// <summary>The task's own code failed (user code, a bad row, a bug): retried, then the job fails.</summary>
    TaskError = 0,
    /// <summary>Input the user must fix (missing file, wrong schema): retrying cannot help.</summary>
    InputError = 1,
    /// <summary>Shuffle data the task reads is gone with a silo: its producers run again (lineage), not counted as an attempt.</summary>
    ShuffleDataLost = 2,
    /// <summary>The silo running the task died, left or could not be reached: the task goes elsewhere, not counted as an attempt.</summary>
    SiloLost = 3,
    /// <summary>The job was cancelled while the task ran.</summary>
    Cancelled = 4,
    /// <summary>The silo refused the task before running it (it is draining, or its role runs no tasks): the task goes
    /// to another silo at once, not counted as an attempt, and the job sends that silo no more tasks.</summary>
    Refused = 5,
}

/// <param name="LostInputs">For <see cref="TaskFailureKind.ShuffleDataLost"/>: the producing tasks whose output is
/// missing, so only those run again; empty when the task could not tell (then the producing stages run again).</param>
[GenerateSerializer, Immutable]
public sealed record TaskFailure(
    [property: Id(0)] TaskFailureKind Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] IReadOnlyList<TaskRef> LostInputs)
{
    public TaskFailure(TaskFailureKind kind, string message) : this(kind, message, []) { }
}

/// <summary>A task of a job's plan: its stage's index in the plan and its index in the stage.</summary>
[GenerateSerializer, Immutable]
public readonly record struct TaskRef([property: Id(0)] int Stage, [property: Id(1)] int Task);
