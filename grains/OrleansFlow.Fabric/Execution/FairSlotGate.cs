namespace OrleansFlow.Fabric.Execution;

/// <summary>
/// A silo's task slots, shared fairly between jobs: when a slot frees, it goes to the waiting job that holds the
/// fewest slots on this silo (first come among equals), not to whichever task queued first. A small job submitted
/// beside a big one is then not queued behind the big one's waiting tasks; with one job it is plain FIFO.
/// </summary>
public sealed class FairSlotGate
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<TaskCompletionSource>> _waiting = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _arrival = new();
    private int _free;

    public FairSlotGate(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        Slots = slots;
        _free = slots;
    }

    public int Slots { get; }

    /// <summary>Tasks waiting for a slot, over all jobs.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
                return _waiting.Values.Sum(q => q.Count);
        }
    }

    /// <summary>Slots <paramref name="jobId"/> holds on this silo.</summary>
    public int HeldBy(string jobId)
    {
        lock (_lock)
            return _held.GetValueOrDefault(jobId);
    }

    /// <summary>Waits for a slot for a task of <paramref name="jobId"/>; release it with <see cref="Release"/>.</summary>
    public Task WaitAsync(string jobId)
    {
        lock (_lock)
        {
            if (_free > 0 && _waiting.Count == 0)
            {
                _free--;
                _held[jobId] = _held.GetValueOrDefault(jobId) + 1;
                return Task.CompletedTask;
            }
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_waiting.TryGetValue(jobId, out var queue))
            {
                _waiting[jobId] = queue = new Queue<TaskCompletionSource>();
                _arrival.AddLast(jobId);
            }
            queue.Enqueue(waiter);
            GrantFreeSlots();
            return waiter.Task;
        }
    }

    public void Release(string jobId)
    {
        lock (_lock)
        {
            if (_held.TryGetValue(jobId, out var held))
            {
                if (held <= 1) _held.Remove(jobId);
                else _held[jobId] = held - 1;
            }
            _free++;
            GrantFreeSlots();
        }
    }

    private void GrantFreeSlots()
    {
        while (_free > 0 && _arrival.Count > 0)
        {
            // The waiting job with the fewest slots held here; ties go to the one that started waiting first.
            var next = _arrival.First!;
            for (var node = next.Next; node is not null; node = node.Next)
            {
                if (_held.GetValueOrDefault(node.Value) < _held.GetValueOrDefault(next.Value))
                    next = node;
            }
            var jobId = next.Value;
            var queue = _waiting[jobId];
            var waiter = queue.Dequeue();
            if (queue.Count == 0)
            {
                _waiting.Remove(jobId);
                _arrival.Remove(next);
            }
            else
            {
                // Round-robin among jobs that keep waiting: it goes to the back of the line.
                _arrival.Remove(next);
                _arrival.AddLast(next);
            }
            _free--;
            _held[jobId] = _held.GetValueOrDefault(jobId) + 1;
            waiter.SetResult();
        }
    }
}
