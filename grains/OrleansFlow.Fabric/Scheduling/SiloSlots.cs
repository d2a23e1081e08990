namespace OrleansFlow.Fabric.Scheduling;

/// <summary>
/// Free task slots per live silo, as the job grain sees them. Hands out the silo with the most free slots (turning
/// round among equals) so tasks spread over every silo; waits when all are full. Follows silos joining and leaving.
/// Not thread-safe: it lives on the job grain's turn-based scheduler.
/// </summary>
public sealed class SiloSlots(int slotsPerSilo, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, int> _inUse = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly LinkedList<Waiter> _waiters = new();
    private int _nextStart;
    private bool _paused;

    public IReadOnlyList<string> Silos => _order;

    public int SlotsPerSilo { get; } = slotsPerSilo > 0 ? slotsPerSilo : throw new ArgumentOutOfRangeException(nameof(slotsPerSilo));

    /// <summary>Replaces the set of live silos. Slots held on a silo that left are forgotten.</summary>
    public void SetSilos(IEnumerable<string> live)
    {
        var set = new HashSet<string>(live, StringComparer.Ordinal);
        _order.RemoveAll(s => !set.Contains(s));
        foreach (var gone in _inUse.Keys.Where(k => !set.Contains(k)).ToList())
            _inUse.Remove(gone);
        foreach (var silo in set.Order(StringComparer.Ordinal))
        {
            if (_inUse.TryAdd(silo, 0))
                _order.Add(silo);
        }
        Pump();
    }

    /// <summary>A silo with a free slot, preferring one other than <paramref name="avoid"/> (where a task just failed).</summary>
    /// <remarks>With no silo at all it waits too, for one to join (compute scaled to zero); the caller bounds that wait
    /// through <paramref name="cancellationToken"/>.</remarks>
    public Task<string> AcquireAsync(string? avoid, CancellationToken cancellationToken)
    {
        if (TryPick(avoid, out var silo))
            return Task.FromResult(silo);
        var waiter = new Waiter(avoid, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously), _time.GetUtcNow());
        var node = _waiters.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    _waiters.Remove(node);
                    waiter.Completion.TrySetCanceled(cancellationToken);
                }
            });
        }
        return waiter.Completion.Task;
    }

    public void Release(string silo)
    {
        if (_inUse.TryGetValue(silo, out var used) && used > 0)
            _inUse[silo] = used - 1;
        Pump();
    }

    /// <summary>Hands out no more slots: every acquisition from now on waits for good (the run is being handed over).</summary>
    public void Pause() => _paused = true;

    /// <summary>Slots in use on a silo (0 for an unknown one).</summary>
    public int InUse(string silo) => _inUse.GetValueOrDefault(silo);

    private void Pump()
    {
        while (_waiters.First is { } first && TryPick(first.Value.Avoid, out var silo))
        {
            _waiters.RemoveFirst();
            first.Value.Completion.TrySetResult(silo);
        }
    }

    private bool TryPick(string? avoid, out string silo)
    {
        silo = "";
        if (_paused)
            return false;
        var best = -1;
        var bestFree = 0;
        var bestAvoided = true;
        for (var i = 0; i < _order.Count; i++)
        {
            var index = (_nextStart + i) % _order.Count;
            var candidate = _order[index];
            var free = SlotsPerSilo - _inUse[candidate];
            if (free <= 0)
                continue;
            var avoided = candidate == avoid && _order.Count > 1;
            // Better: not the avoided silo, then more free slots; ties keep the earliest in round-robin order.
            if (best < 0 || (bestAvoided && !avoided) || (bestAvoided == avoided && free > bestFree))
            {
                best = index;
                bestFree = free;
                bestAvoided = avoided;
            }
        }
        if (best < 0)
            return false;
        silo = _order[best];
        _inUse[silo]++;
        _nextStart = (best + 1) % _order.Count;
        return true;
    }

    /// <summary>Acquisitions waiting for a slot.</summary>
    public int Waiting => _waiters.Count;

    /// <summary>Since when the first of them has waited; null when none waits.</summary>
    public DateTimeOffset? WaitingSince => _waiters.First?.Value.Since;

    private sealed record Waiter(string? Avoid, TaskCompletionSource<string> Completion, DateTimeOffset Since);
}
