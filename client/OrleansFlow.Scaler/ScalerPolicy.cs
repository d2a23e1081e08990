namespace OrleansFlow.Scaler;

/// <summary>
/// The autoscaler's rules, without a cluster: scale out when tasks have waited for a slot longer than
/// <see cref="ScalerPolicyOptions.ScaleOutAfter"/> (at once from zero compute), sized to the waiting tasks and capped
/// at the maximum; scale in, one silo at a time by draining, when a silo has run nothing for
/// <see cref="ScalerPolicyOptions.IdleBeforeScaleIn"/> and no task waits; keep to the minimum; leave
/// <see cref="ScalerPolicyOptions.Cooldown"/> between changes. Holds the little state that needs (last change, idle
/// since), so one instance follows one cluster.
/// </summary>
public sealed class ScalerPolicy
{
    private readonly ScalerPolicyOptions _options;
    private readonly Dictionary<string, DateTimeOffset> _idleSince = new(StringComparer.Ordinal);
    private DateTimeOffset? _lastChange;

    public ScalerPolicy(ScalerPolicyOptions options)
    {
        options.Validate();
        _options = options;
    }

    public ScalerPolicyOptions Options => _options;

    public ScalerDecision Decide(ScalerObservation seen)
    {
        var silos = seen.Compute.Count;
        var planned = silos + seen.Starting;
        TrackIdle(seen);

        if (planned < _options.MinSilos)
            return Change(seen, ScalerAction.ScaleOut, _options.MinSilos - planned, null, $"below the minimum of {_options.MinSilos}");

        if (seen.WaitingTasks > 0)
        {
            if (planned >= _options.MaxSilos)
                return None(seen, $"{seen.WaitingTasks} tasks wait, at the maximum of {_options.MaxSilos} silos");
            if (seen.Starting * _options.SlotsPerSilo >= seen.WaitingTasks)
                return None(seen, $"{seen.Starting} silo(s) starting for {seen.WaitingTasks} waiting task(s)");
            var waited = seen.WaitingSince is { } since ? seen.Now - since : TimeSpan.Zero;
            if (planned > 0 && waited < _options.ScaleOutAfter)
                return None(seen, $"{seen.WaitingTasks} tasks waited {waited.TotalMilliseconds:0} ms, less than {_options.ScaleOutAfter.TotalMilliseconds:0} ms");
            if (planned > 0 && InCooldown(seen.Now))
                return None(seen, "cooling down after the last change");
            var needed = (seen.WaitingTasks - seen.Starting * _options.SlotsPerSilo + _options.SlotsPerSilo - 1) / _options.SlotsPerSilo;
            var count = Math.Clamp(needed, 1, _options.MaxSilos - planned);
            var why = planned == 0
                ? $"{seen.WaitingTasks} task(s) wait and no compute silo runs"
                : $"{seen.WaitingTasks} task(s) waited {waited.TotalSeconds:0.0} s for a slot";
            return Change(seen, ScalerAction.ScaleOut, count, null, why);
        }

        if (silos > _options.MinSilos && seen.Starting == 0 && !InCooldown(seen.Now))
        {
            var idle = seen.Compute
                .Where(s => s.RunningTasks == 0 && seen.Now - _idleSince[s.Silo] >= _options.IdleBeforeScaleIn)
                .OrderBy(s => _idleSince[s.Silo])
                .ThenBy(s => s.Silo, StringComparer.Ordinal)
                .FirstOrDefault();
            if (idle is not null)
                return Change(seen, ScalerAction.ScaleIn, 1, idle.Silo, $"idle for {(seen.Now - _idleSince[idle.Silo]).TotalSeconds:0.0} s and no task waits");
        }
        return None(seen, silos == 0 ? "no compute and no demand" : "demand met");
    }

    private void TrackIdle(ScalerObservation seen)
    {
        var present = seen.Compute.Select(s => s.Silo).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _idleSince.Keys.Where(k => !present.Contains(k)).ToList())
            _idleSince.Remove(gone);
        foreach (var silo in seen.Compute)
        {
            if (silo.RunningTasks > 0 || seen.WaitingTasks > 0)
                _idleSince[silo.Silo] = seen.Now;
            else
                _idleSince.TryAdd(silo.Silo, seen.Now);
        }
    }

    private bool InCooldown(DateTimeOffset now) => _lastChange is { } last && now - last < _options.Cooldown;

    private ScalerDecision Change(ScalerObservation seen, ScalerAction action, int count, string? silo, string reason)
    {
        _lastChange = seen.Now;
        return new ScalerDecision(seen.Now, action, count, silo, reason, seen.Compute.Count, seen.WaitingTasks);
    }

    private static ScalerDecision None(ScalerObservation seen, string reason) =>
        new(seen.Now, ScalerAction.None, 0, null, reason, seen.Compute.Count, seen.WaitingTasks);
}
