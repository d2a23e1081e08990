namespace OrleansFlow.Scaler;

/// <summary>When the autoscaler adds and removes compute silos.</summary>
public sealed record ScalerPolicyOptions
{
    /// <summary>Fewest compute silos; 0 scales compute to zero when idle.</summary>
    public int MinSilos { get; init; }

    /// <summary>Most compute silos.</summary>
    public int MaxSilos { get; init; } = 4;

    /// <summary>Scale out once a ready task has waited this long for a slot (at once when there is no compute at all).</summary>
    public TimeSpan ScaleOutAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Drain a silo that ran nothing for this long while no task waited.</summary>
    public TimeSpan IdleBeforeScaleIn { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>No change within this long of the last one (scaling out from zero compute does not wait).</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Task slots of a silo the provider starts, to size a scale-out to the waiting tasks.</summary>
    public int SlotsPerSilo { get; init; } = Environment.ProcessorCount;

    public void Validate()
    {
        if (MinSilos < 0)
            throw new ArgumentException($"the minimum silo count must not be negative (was {MinSilos})");
        if (MaxSilos < Math.Max(1, MinSilos))
            throw new ArgumentException($"the maximum silo count ({MaxSilos}) must be at least 1 and at least the minimum ({MinSilos})");
        if (ScaleOutAfter < TimeSpan.Zero || IdleBeforeScaleIn < TimeSpan.Zero || Cooldown < TimeSpan.Zero)
            throw new ArgumentException("scaler delays must not be negative");
        if (SlotsPerSilo < 1)
            throw new ArgumentException($"slots per silo must be at least 1 (was {SlotsPerSilo})");
    }
}
