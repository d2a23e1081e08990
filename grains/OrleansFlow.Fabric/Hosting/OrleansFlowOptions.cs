using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Fabric.Scheduling;

namespace OrleansFlow.Fabric.Hosting;

/// <summary>How a silo runs OrleansFlow work.</summary>
public sealed class OrleansFlowOptions
{
    /// <summary>Tasks this silo runs at once; default: the processor count.</summary>
    public int TaskSlotsPerSilo { get; set; } = Environment.ProcessorCount;

    /// <summary>First retry delay of a failed task; later retries back off exponentially.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Where jobs put output and scratch files when they name no folder.</summary>
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "orleansflow");

    /// <summary>Where job state lives: in silo memory (the embedded default) or in Redis.</summary>
    public JobStateStore StateStore { get; set; } = JobStateStore.Memory;

    /// <summary>Redis configuration (e.g. <c>127.0.0.1:6379</c>) for <see cref="JobStateStore.Redis"/> and the Redis shuffle store.</summary>
    public string? RedisConfiguration { get; set; }

    /// <summary>How big a plan a job may have (tasks per stage, partitions, split size, query nesting).</summary>
    public PlanLimits Limits { get; set; } = PlanLimits.Default;

    /// <summary>How long a draining silo waits for its running tasks to finish; tasks still running then are handed
    /// back (they run again elsewhere, without using an attempt) and the silo moves its blocks and stops.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Period and timeout of membership's liveness probes (Orleans' <c>ClusterMembershipOptions.ProbeTimeout</c>).</summary>
    public TimeSpan MembershipProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes after which a silo is suspected dead (Orleans' <c>NumMissedProbesLimit</c>).</summary>
    public int MembershipMissedProbes { get; set; } = 2;

    /// <summary>Whether this silo runs tasks, holds blocks, or both.</summary>
    public SiloRole Role { get; set; } = SiloRole.Both;

    public void Validate()
    {
        Limits.Validate();
        if (MembershipProbeTimeout <= TimeSpan.Zero || MembershipMissedProbes < 1)
            throw new ArgumentException($"membership probes need a positive timeout and at least one miss (were {MembershipProbeTimeout}, {MembershipMissedProbes}).");
        if (DrainTimeout < TimeSpan.Zero)
            throw new ArgumentException($"DrainTimeout must not be negative (was {DrainTimeout}).");
        if (TaskSlotsPerSilo < 1)
            throw new ArgumentException($"TaskSlotsPerSilo must be at least 1 (was {TaskSlotsPerSilo}).");
        if (RetryBaseDelay < TimeSpan.Zero)
            throw new ArgumentException($"RetryBaseDelay must not be negative (was {RetryBaseDelay}).");
        if (string.IsNullOrWhiteSpace(WorkDirectory))
            throw new ArgumentException("WorkDirectory must name a folder.");
        if (StateStore == JobStateStore.Redis && string.IsNullOrWhiteSpace(RedisConfiguration))
            throw new ArgumentException("StateStore is Redis but no RedisConfiguration was given.");
    }
}

public enum JobStateStore
{
    Memory,
    Redis,
}
