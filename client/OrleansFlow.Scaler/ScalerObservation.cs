namespace OrleansFlow.Scaler;

/// <summary>What the autoscaler sees of the cluster at one moment.</summary>
/// <param name="Compute">Active compute silos (role compute or both, not draining) and the tasks each runs.</param>
/// <param name="Starting">Silos the provider started that have not joined yet.</param>
/// <param name="WaitingTasks">Ready tasks of running jobs waiting for a slot.</param>
/// <param name="WaitingSince">Since when the longest-waiting task has waited.</param>
public sealed record ScalerObservation(
    DateTimeOffset Now,
    IReadOnlyList<ComputeSilo> Compute,
    int Starting,
    int WaitingTasks,
    DateTimeOffset? WaitingSince)
{
    public int RunningTasks => Compute.Sum(s => s.RunningTasks);
}

/// <summary>One compute silo, as the autoscaler sees it.</summary>
public sealed record ComputeSilo(string Silo, int Slots, int RunningTasks);
