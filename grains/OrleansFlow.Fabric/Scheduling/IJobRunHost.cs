using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Fabric.Scheduling;

/// <summary>What a <see cref="JobRun"/> needs from the world around it: the job grain in a silo, fakes in a test.</summary>
public interface IJobRunHost
{
    /// <summary>The silos that may run tasks now, as cluster membership has them.</summary>
    IReadOnlyList<string> ActiveSilos();

    /// <summary>Runs one task attempt on a silo. Throws when the silo, not the task, failed (dead, leaving, unreachable).</summary>
    Task<TaskReport> RunTaskAsync(string silo, TaskSpec task);

    /// <summary>Persists the job's state (after every stage and recovery).</summary>
    Task SaveAsync();

    /// <summary>Sends a progress event; never fails the job.</summary>
    void Publish(JobEventType type, int? stageIndex, string? message);
}
