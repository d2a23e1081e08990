namespace OrleansFlow.Rdma.Memory;

/// <summary>How a process reaches a memory-tier block, best first.</summary>
public enum TierTransport
{
    /// <summary>The block is in this process: a memory copy, or zero-copy.</summary>
    Local,
    /// <summary>The owner is on this host: map its region and copy directly, one-sided.</summary>
    SharedMemory,
    /// <summary>The owner's data plane over TCP.</summary>
    Tcp,
}
