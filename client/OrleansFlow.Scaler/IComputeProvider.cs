using OrleansFlow.Abstractions.Cluster;

namespace OrleansFlow.Scaler;

/// <summary>
/// Where compute silos come from: processes on this host (<see cref="ProcessComputeProvider"/>), or the replica count
/// of a Kubernetes workload. The autoscaler decides; the provider only starts and removes.
/// </summary>
public interface IComputeProvider : IAsyncDisposable
{
    /// <summary>Silos started that have not joined the cluster yet (they count towards demand already met).</summary>
    int Starting { get; }

    /// <summary>Told what the cluster's active silos are at every step, so it can tell which of its silos have joined
    /// (and which died before they could).</summary>
    void Observe(IReadOnlyList<SiloStats> active);

    /// <summary>Starts <paramref name="count"/> compute silos; returns once they are asked for, not once they joined.</summary>
    Task StartAsync(int count, CancellationToken cancellationToken);

    /// <summary>Removes one compute silo by draining it: no new tasks, running ones finish, blocks move; then it stops.</summary>
    Task StopAsync(string silo, CancellationToken cancellationToken);
}
