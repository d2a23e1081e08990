using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Abstractions.Grains;

/// <summary>
/// One per silo, keyed by the silo's address and pinned to it: the job grain sends a task to the executor of the
/// silo it chose, and the executor hands it to a local stateless task worker within the silo's concurrency limit.
/// </summary>
public interface IExecutorGrain : IGrainWithStringKey
{
    /// <summary>Runs the task on this silo; long tasks are normal, so the timeout is generous (a dead silo ends
    /// the call sooner, through membership).</summary>
    [ResponseTimeout("04:00:00")]
    Task<TaskReport> Run(TaskSpec task);

    /// <summary>Cancels the job's running tasks on this silo.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task CancelJob(string jobId);

    /// <summary>Frees the job's blocks held by this silo and unloads its code.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task ReleaseJob(string jobId);

    [Orleans.Concurrency.AlwaysInterleave]
    Task<SiloStats> GetStats();

    /// <summary>Drains this silo (no new tasks, running ones finish, blocks move to the other silos), then stops its
    /// process. Returns once the drain is done, before the process exits.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [ResponseTimeout("00:10:00")]
    Task<SiloDrainSummary> Drain();
}
