namespace OrleansFlow.Client;

/// <summary>How a job is submitted, whatever its kind.</summary>
public sealed record SubmitOptions
{
    /// <summary>A name for people (<c>orleansflow jobs</c>); default: the job's kind.</summary>
    public string? Name { get; init; }

    /// <summary>The job's id; default: one made from its name and the time. Submitting an id again returns that job.</summary>
    public string? JobId { get; init; }

    /// <summary>Attempts per task before the job fails with the task's error.</summary>
    public int MaxTaskAttempts { get; init; } = 3;
}
