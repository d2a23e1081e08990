using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.DataPlane;
using OrleansFlow.Rdma.Disk;
using OrleansFlow.Rdma.Memory;
using OrleansFlow.Rdma.Redis;

namespace OrleansFlow.Rdma.Tests.Contract;

/// <summary>Owner and reader are the same process: the local transport.</summary>
public sealed class LocalMemoryContract : BlockStoreContract
{
    private readonly TestDirectories _dirs = new();
    private readonly TierNode _process;

    public LocalMemoryContract() => _process = new TierNode(_dirs.Options("local"));

    protected override IBlockStore Owner => _process.Store;
    protected override IBlockStore Peer => _process.Store;

    [Fact]
    public async Task Uses_the_local_transport_and_zero_copy()
    {
        var block = await _process.Store.AllocateAsync("job", 1, 4096);
        await _process.Store.WriteAsync(block, 0, TestBytes.Make(4096, 1));

        Assert.Equal(TierTransport.Local, _process.Store.ChooseTransport(block));
        Assert.True(_process.Store.TryGetLocalMemory(block, out var memory));
        Assert.Equal(TestBytes.Make(4096, 1), memory.ToArray());
    }

    public override void Dispose()
    {
        _process.Dispose();
        _dirs.Dispose();
    }
}

/// <summary>The reader is another tier process on the same host: the shared-memory transport.</summary>
public sealed class SharedMemoryContract : BlockStoreContract
{
    private readonly TestDirectories _dirs = new();
    private readonly TierNode _owner;
    private readonly TierNode _peer;

    public SharedMemoryContract()
    {
        _owner = new TierNode(_dirs.Options("owner"));
        _peer = new TierNode(_dirs.Options("peer"));
    }

    protected override IBlockStore Owner => _owner.Store;
    protected override IBlockStore Peer => _peer.Store;

    [Fact]
    public async Task A_stopped_owners_region_is_unmapped_here_so_its_memory_is_released()
    {
        using var owner = new TierNode(_dirs.Options("gone"));
        var block = await owner.Store.AllocateAsync("job", 1, 4096);
        await _peer.Store.ReadAsync(block, 0, new byte[4096]);
        Assert.Equal(1, _peer.Store.MappedPeerRegions);

        owner.Dispose();
        var error = await Record.ExceptionAsync(() => _peer.Store.ReadAsync(block, 0, new byte[4096]).AsTask());

        // Whether the peer noticed the missing file first (then TCP finds nobody) or the retracted slot, the block is
        // gone and so is the mapping.
        Assert.True(error is BlockNotFoundException or IOException, $"unexpected {error}");
        Assert.Equal(0, _peer.Store.MappedPeerRegions);
    }

    [Fact]
    public async Task Uses_the_shared_memory_transport()
    {
        var block = await _owner.Store.AllocateAsync("job", 1, 4096);
        Assert.Equal(TierTransport.SharedMemory, _peer.Store.ChooseTransport(block));
        Assert.False(_peer.Store.IsLocal(block));
    }

    public override void Dispose()
    {
        _peer.Dispose();
        _owner.Dispose();
        _dirs.Dispose();
    }
}

/// <summary>The owner's DRAM budget is tiny, so blocks spill to disk; a same-host peer reads the spill files.</summary>
public sealed class SpilledMemoryContract : BlockStoreContract
{
    private readonly TestDirectories _dirs = new();
    private readonly TierNode _owner;
    private readonly TierNode _peer;

    public SpilledMemoryContract()
    {
        _owner = new TierNode(_dirs.Options("owner", memoryCapacity: 64 << 10));
        _peer = new TierNode(_dirs.Options("peer"));
    }

    protected override IBlockStore Owner => _owner.Store;
    protected override IBlockStore Peer => _peer.Store;

    public override void Dispose()
    {
        _peer.Dispose();
        _owner.Dispose();
        _dirs.Dispose();
    }
}

/// <summary>The reader is on "another host": it has no shared memory, so it reaches the owner over TCP.</summary>
public sealed class TcpMemoryContract : BlockStoreContract
{
    private readonly TestDirectories _dirs = new();
    private readonly TierNode _owner;
    private readonly TierNode _peer;

    public TcpMemoryContract()
    {
        _owner = new TierNode(_dirs.Options("owner", sharedMemory: false));
        _peer = new TierNode(_dirs.Options("peer", sharedMemory: false));
    }

    protected override IBlockStore Owner => _owner.Store;
    protected override IBlockStore Peer => _peer.Store;

    [Fact]
    public async Task Uses_the_tcp_transport()
    {
        var block = await _owner.Store.AllocateAsync("job", 1, 4096);
        Assert.Equal(TierTransport.Tcp, _peer.Store.ChooseTransport(block));
    }

    [Fact]
    public async Task A_peer_can_free_the_owners_block()
    {
        var block = await _owner.Store.AllocateAsync("job", 1, 4096);
        await _peer.Store.FreeAsync(block);
        Assert.Equal(0, _owner.Store.GetUsage().Blocks);
    }

    public override void Dispose()
    {
        _peer.Dispose();
        _owner.Dispose();
        _dirs.Dispose();
    }
}

/// <summary>Over TCP to an owner whose DRAM budget is tiny: the owner streams its spill files.</summary>
public sealed class TcpSpilledMemoryContract : BlockStoreContract
{
    private readonly TestDirectories _dirs = new();
    private readonly TierNode _owner;
    private readonly TierNode _peer;

    public TcpSpilledMemoryContract()
    {
        _owner = new TierNode(_dirs.Options("owner", memoryCapacity: 64 << 10, sharedMemory: false));
        _peer = new TierNode(_dirs.Options("peer", sharedMemory: false));
    }

    protected override IBlockStore Owner => _owner.Store;
    protected override IBlockStore Peer => _peer.Store;

    public override void Dispose()
    {
        _peer.Dispose();
        _owner.Dispose();
        _dirs.Dispose();
    }
}

/// <summary>Local files: the reader is another process on the same host opening the owner's files.</summary>
public sealed class DiskContract : BlockStoreContract
{
    private readonly TestDirectories _dirs = new();
    private readonly TierNode _ownerProcess;
    private readonly TierNode _peerProcess;

    public DiskContract()
    {
        _ownerProcess = new TierNode(_dirs.Options("owner"));
        _peerProcess = new TierNode(_dirs.Options("peer"));
    }

    protected override IBlockStore Owner => _ownerProcess.Disk;
    protected override IBlockStore Peer => _peerProcess.Disk;

    [Fact]
    public async Task Blocks_are_files_under_the_job_directory()
    {
        var block = await Owner.AllocateAsync("job-files", 1, 10);

        Assert.Equal(Path.Combine(_dirs.Root, "disk", "job-files", block.BlockId), block.Location);
        Assert.True(File.Exists(block.Location));
        await Owner.FreeJobAsync("job-files");
        Assert.False(File.Exists(block.Location));
    }

    public override void Dispose()
    {
        _peerProcess.Dispose();
        _ownerProcess.Dispose();
        _dirs.Dispose();
    }
}

/// <summary>Blocks in a real Redis server, with a small chunk size so that blocks span many chunks.</summary>
public sealed class RedisContract : BlockStoreContract, IClassFixture<RedisServer>
{
    private readonly TestDirectories _dirs = new();
    private readonly RedisBlockStore _owner;
    private readonly RedisBlockStore _peer;

    public RedisContract(RedisServer redis)
    {
        var options = _dirs.Options("redis");
        options.RedisConfiguration = redis.Configuration;
        options.RedisChunkBytes = 1 << 20;
        _owner = new RedisBlockStore(options);
        _peer = new RedisBlockStore(options);
    }

    protected override IBlockStore Owner => _owner;
    protected override IBlockStore Peer => _peer;

    [Fact]
    public async Task A_block_across_chunks_reads_back_at_every_boundary()
    {
        var bytes = TestBytes.Make(3 << 20, 11);
        var block = await _owner.AllocateAsync("job-chunks", 5, bytes.Length);
        await _peer.WriteAsync(block, 0, bytes);

        var across = new byte[10];
        await _peer.ReadAsync(block, (1 << 20) - 5, across);

        Assert.Equal(bytes.AsSpan((1 << 20) - 5, 10).ToArray(), across);
    }

    public override void Dispose()
    {
        _peer.Dispose();
        _owner.Dispose();
        _dirs.Dispose();
    }
}
