namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// A block that another process on this host holds in its DRAM tier, read where it lies (the owner's shared region,
/// mapped here) instead of copied out. The view keeps the mapping alive until it is disposed, so the memory never
/// disappears under a reader, even if the owner exits. The owner may still free the block meanwhile (its job ended
/// or was cancelled) and reuse the space: <see cref="IsIntact"/>, asked after the reads, says whether what was read
/// was still this block.
/// </summary>
public sealed class PeerBlockView : IDisposable
{
    private readonly PeerRegion _peer;
    private readonly long _regionOffset;
    private readonly long _version;
    private int _disposed;

    internal PeerBlockView(PeerRegion peer, long regionOffset, long version, ReadOnlyMemory<byte> memory)
    {
        _peer = peer;
        _regionOffset = regionOffset;
        _version = version;
        Memory = memory;
    }

    /// <summary>The block's bytes in the owner's region. Valid until disposed; read-only by contract.</summary>
    public ReadOnlyMemory<byte> Memory { get; }

    /// <summary>True while the owner has not freed the block since the view was taken.</summary>
    public bool IsIntact => Volatile.Read(ref _disposed) == 0 && _peer.Slots.StillOpen(_regionOffset, _version);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            _peer.Release();
    }
}
