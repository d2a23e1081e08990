namespace OrleansFlow.Rdma;

/// <summary>Configuration of one process's part of the block stores (memory tier, local files, Redis).</summary>
public sealed class BlockStoreOptions
{
    /// <summary>Address peers use to reach this process's data plane (it goes into every descriptor's Owner).</summary>
    public string DataHost { get; set; } = "127.0.0.1";

    /// <summary>The local address the data plane listens on (0.0.0.0: every interface); null listens where
    /// <see cref="DataHost"/> says (its address, or every interface for a host name), which keeps an in-process
    /// cluster on loopback.</summary>
    public string? DataListen { get; set; }

    /// <summary>This process's host, written into the locations of the blocks it owns; peers use shared memory only for
    /// blocks of their own host (see <see cref="Memory.HostIdentity"/>).</summary>
    public string HostIdentity { get; set; } = Memory.HostIdentity.Current;

    /// <summary>TCP port of the data plane; 0 picks a free port (see <see cref="DataPlane.DataPlaneEndpoint"/>).</summary>
    public int DataPort { get; set; }

    /// <summary>DRAM budget of this process's memory tier; blocks beyond it spill to <see cref="SpillDirectory"/>.</summary>
    public long MemoryCapacityBytes { get; set; } = 1L << 30;

    /// <summary>Granularity of the memory tier's allocator: every block starts on a multiple of it. A power of two;
    /// the page size by default so blocks can be mapped, registered with a NIC, or written with O_DIRECT.</summary>
    public int BlockAlignment { get; set; } = 4096;

    /// <summary>Where memory-tier blocks go once the DRAM budget is spent.</summary>
    public string SpillDirectory { get; set; } =
        Path.Combine(Path.GetTempPath(), "orleansflow", "spill", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Root of the Disk store: blocks are files at DiskDirectory/&lt;jobId&gt;/&lt;blockId&gt;.</summary>
    public string DiskDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "orleansflow", "disk");

    /// <summary>StackExchange.Redis configuration string such as "127.0.0.1:6379"; null leaves the Redis store out.</summary>
    public string? RedisConfiguration { get; set; }

    /// <summary>Size of the Redis values a large block is cut into.</summary>
    public int RedisChunkBytes { get; set; } = 4 << 20;

    /// <summary>Copies of each memory-tier block (1 = no replica); replicas go to peers from <see cref="ITierPeerDirectory"/>.</summary>
    public int ReplicationFactor { get; set; } = 1;

    /// <summary>Back the memory tier with files under <see cref="SharedMemoryDirectory"/> so other processes on the
    /// host can read and write blocks directly; false uses private native memory (peers then go through TCP).</summary>
    public bool EnableSharedMemory { get; set; } = true;

    /// <summary>Touch every page of the DRAM tier when the store starts, so that jobs find it resident: the first touch
    /// of fresh memory costs ≈ 1.8 s of CPU per GB on the project's machines (a page fault per 4 KB), which the
    /// first jobs on a new process would otherwise pay. Start-up then takes that long and the tier's whole budget is
    /// resident from the start.</summary>
    public bool PreTouchMemory { get; set; }

    /// <summary>Where shared-memory region files are created; a tmpfs so that they are DRAM.</summary>
    public string SharedMemoryDirectory { get; set; } = "/dev/shm";
}
