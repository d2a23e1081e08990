namespace OrleansFlow.Abstractions.Jobs;

/// <summary>Where a job is in its life.</summary>
[GenerateSerializer]
public enum JobStatus
{
    Pending = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
    Cancelled = 4,
}

public static class JobStatusExtensions
{
    /// <summary>True once the job can change no more.</summary>
    public static bool IsTerminal(this JobStatus status) => status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
}
