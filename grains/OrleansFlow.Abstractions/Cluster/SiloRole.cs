namespace OrleansFlow.Abstractions.Cluster;

/// <summary>What a silo is for. Memory silos hold tier blocks and the job and control grains but run no tasks, so
/// compute silos can come and go (scaled out, drained, scaled to zero) while the intermediate data stays put.</summary>
[GenerateSerializer]
public enum SiloRole
{
    /// <summary>Runs tasks and holds blocks (the default).</summary>
    Both = 0,
    /// <summary>Runs tasks; the silos an autoscaler adds and removes.</summary>
    Compute = 1,
    /// <summary>Runs no tasks: holds blocks and grains.</summary>
    Memory = 2,
}
