namespace OrleansFlow.Fabric.Execution;

/// <summary>This silo's task slots and counters. A singleton, so they outlive executor activations.</summary>
public sealed class SiloTaskCounters(int slots)
{
    private long _completed;
    private long _failed;
    private int _running;
    private TaskCompletionSource _idle = NewIdle();

    public int Slots { get; } = slots;
    public FairSlotGate SlotGate { get; } = new(slots);
    public long Completed => Interlocked.Read(ref _completed);
    public long Failed => Interlocked.Read(ref _failed);
    public int Running => Volatile.Read(ref _running);

    public void Started() => Interlocked.Increment(ref _running);

    public void Finished(bool succeeded)
    {
        Stopped();
        if (succeeded) Interlocked.Increment(ref _completed);
        else Interlocked.Increment(ref _failed);
    }

    /// <summary>A task that was admitted but handed back unrun (its silo is draining): counted neither way.</summary>
    public void Abandoned() => Stopped();

    /// <summary>Completes once no task is running (at once when none is).</summary>
    public Task WhenIdleAsync()
    {
        var idle = Volatile.Read(ref _idle);
        return Running == 0 ? Task.CompletedTask : idle.Task;
    }

    private void Stopped()
    {
        if (Interlocked.Decrement(ref _running) == 0)
            Interlocked.Exchange(ref _idle, NewIdle()).TrySetResult();
    }

    private static TaskCompletionSource NewIdle() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
