using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Abstractions.Grains;

/// <summary>One job, keyed by its id: plans stages, schedules tasks over the live silos, retries, persists its state.</summary>
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job. Submitting the same id again returns the running job's info and starts nothing.</summary>
    Task<JobInfo> Submit(JobSpec spec);

    /// <summary>The job's current snapshot. Also resumes a job whose silo died, since the call reactivates it.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<JobInfo> GetInfo();

    /// <summary>
    /// The job's snapshot as soon as it has ended, or after <paramref name="maxWait"/> if it has not: a client waits
    /// for the end without polling, and without a stream's delivery delay.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<JobInfo> WaitForEnd(TimeSpan maxWait);

    /// <summary>The result, once the job is terminal; null before.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<JobResult?> GetResult();

    /// <summary>A draining silo copied some of this job's blocks to other silos: the job's shuffle metadata is pointed
    /// at the copies and the move is recorded in the result. Returns how many descriptors were updated.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<int> BlocksMoved(SiloDrainRecord drain, IReadOnlyList<Memory.BlockMove> moves);

    /// <summary>Stops scheduling, cancels running tasks, frees the job's blocks.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task Cancel(string reason);
}
