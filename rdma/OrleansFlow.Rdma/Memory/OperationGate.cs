namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// Lets a store unmap its memory only once no operation is touching it: operations enter and leave the gate, closing
/// it refuses new ones (ObjectDisposedException) and waits for those inside, which are short memory copies. Without
/// it, a grain freeing a block during silo shutdown could touch a region that was just unmapped and crash the process.
/// </summary>
internal sealed class OperationGate(string name)
{
    private int _active;
    private int _closed;

    public Scope Enter()
    {
        Interlocked.Increment(ref _active);
        if (Volatile.Read(ref _closed) != 0)
        {
            Interlocked.Decrement(ref _active);
            throw new ObjectDisposedException(name, $"The {name} has stopped; its blocks are gone.");
        }
        return new Scope(this);
    }

    /// <summary>Refuses new operations and returns once the ones in progress have left; false if already closed.</summary>
    public bool Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
            return false;
        var spin = new SpinWait();
        while (Volatile.Read(ref _active) != 0)
            spin.SpinOnce();
        return true;
    }

    public readonly struct Scope(OperationGate gate) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref gate._active);
    }
}
