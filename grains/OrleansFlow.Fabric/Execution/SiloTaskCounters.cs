namespace OrleansFlow.Fabric.Execution;

/// <summary>This silo's task slots and counters. A singleton, so they outlive executor activations.</summary>
public sealed class SiloTaskCounters(int slots)
{
    private long _completed;
    private long _failed;
    private int _running;

    public int Slots { get; } = slots;
    public SemaphoreSlim SlotGate { get; } = new(slots, slots);
    public long Completed => Interlocked.Read(ref _completed);
    public long Failed => Interlocked.Read(ref _failed);
    public int Running => Volatile.Read(ref _running);

    public void Started() => Interlocked.Increment(ref _running);

    public void Finished(bool succeeded)
    {
        Interlocked.Decrement(ref _running);
        if (succeeded) Interlocked.Increment(ref _completed);
        else Interlocked.Increment(ref _failed);
    }
}
