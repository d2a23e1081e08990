namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// Another process's region as mapped here, reference-counted so that it can be unmapped (releasing its DRAM) once its
/// owner is gone without pulling the mapping from under a copy in progress. The cache holds one reference; each
/// transfer holds one while it touches the memory.
/// </summary>
internal sealed class PeerRegion(string path, TierRegion region, BlockSlots slots)
{
    private const long RecheckMilliseconds = 1000;
    private int _references = 1;
    private long _nextCheck = Environment.TickCount64 + RecheckMilliseconds;

    public string Path { get; } = path;

    public TierRegion Region { get; } = region;

    public BlockSlots Slots { get; } = slots;

    /// <summary>False when the region was already retired and unmapped.</summary>
    public bool TryAcquire()
    {
        for (var count = Volatile.Read(ref _references); count > 0; count = Volatile.Read(ref _references))
        {
            if (Interlocked.CompareExchange(ref _references, count + 1, count) == count)
                return true;
        }
        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
            Region.Dispose();
    }

    /// <summary>True when the owner's file has gone (checked at most once a second): the owner stopped or was swept
    /// away, and the mapping only keeps its pages alive.</summary>
    public bool IsOrphaned()
    {
        var now = Environment.TickCount64;
        if (now < Volatile.Read(ref _nextCheck))
            return false;
        Volatile.Write(ref _nextCheck, now + RecheckMilliseconds);
        return !File.Exists(Path);
    }
}
