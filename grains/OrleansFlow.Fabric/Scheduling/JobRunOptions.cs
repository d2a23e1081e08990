namespace OrleansFlow.Fabric.Scheduling;

/// <summary>The scheduling rules of a job run.</summary>
public sealed record JobRunOptions
{
    /// <summary>Tasks one silo runs at once.</summary>
    public int SlotsPerSilo { get; init; } = Environment.ProcessorCount;

    /// <summary>First retry delay of a failed task; later retries back off exponentially (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a silo that failed a call gets no tasks (membership may take longer to declare it dead).</summary>
    public TimeSpan SuspectFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries on other silos when a silo, not the task, fails; these do not count as task attempts.</summary>
    public int SiloFailoverTries { get; init; } = 5;

    /// <summary>Times a job runs producing tasks again because their output was lost.</summary>
    public int MaxRecoveries { get; init; } = 2;

    /// <summary>How long a task waits for a silo to join when there is none to run it (compute scaled to zero, or
    /// every silo draining); past it the job fails.</summary>
    public TimeSpan NoSiloTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Task-completed events go out at most this often per stage; a stage's end is always sent.</summary>
    public TimeSpan TaskEventInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
