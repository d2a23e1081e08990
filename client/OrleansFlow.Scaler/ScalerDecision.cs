namespace OrleansFlow.Scaler;

public enum ScalerAction
{
    None,
    /// <summary>Start <see cref="ScalerDecision.Count"/> compute silos.</summary>
    ScaleOut,
    /// <summary>Drain <see cref="ScalerDecision.Silo"/> (it stops once drained).</summary>
    ScaleIn,
}

/// <summary>One decision and why, with what was seen when it was taken.</summary>
public sealed record ScalerDecision(
    DateTimeOffset At,
    ScalerAction Action,
    int Count,
    string? Silo,
    string Reason,
    int ComputeSilos,
    int WaitingTasks)
{
    public override string ToString() => Action switch
    {
        ScalerAction.ScaleOut => $"{At:HH:mm:ss.fff} scale out +{Count} ({ComputeSilos} compute silos, {WaitingTasks} tasks waiting): {Reason}",
        ScalerAction.ScaleIn => $"{At:HH:mm:ss.fff} scale in {Silo} ({ComputeSilos} compute silos): {Reason}",
        _ => $"{At:HH:mm:ss.fff} no change: {Reason}",
    };
}
