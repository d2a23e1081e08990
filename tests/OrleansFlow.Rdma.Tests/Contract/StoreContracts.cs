using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.DataPlane;
using OrleansFlow.Rdma.Disk;
using OrleansFlow.Rdma.Memory;

namespace OrleansFlow.Rdma.Tests.Contract;

/// <summary>A memory-tier store with its own data endpoint: one "process" of the tier.</summary>
internal sealed class TierProcess : IDisposable
{
    public TierProcess(BlockStoreOptions options)
    {
        Endpoint = new DataPlaneEndpoint(options);
        Store = new MemoryBlockStore(options, Endpoint);
    }

    public DataPlaneEndpoint Endpoint { get; }

    public MemoryBlockStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        Endpoint.Dispose();
    }
}

/// <summary>Owner and reader are the same process: the local transport.</summary>
public sealed class LocalMemoryContract : BlockStoreContract
{
    private readonly TestDirectories _dirs = new();
    private readonly TierProcess _process;

    public LocalMemoryContract() => _process = new TierProcess(_dirs.Options("local"));

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
    private readonly TierProcess _owner;
    private readonly TierProcess _peer;

    public SharedMemoryContract()
    {
        _owner = new TierProcess(_dirs.Options("owner"));
        _peer = new TierProcess(_dirs.Options("peer"));
    }

    protected override IBlockStore Owner => _owner.Store;
    protected override IBlockStore Peer => _peer.Store;

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
    private readonly TierProcess _owner;
    private readonly TierProcess _peer;

    public SpilledMemoryContract()
    {
        _owner = new TierProcess(_dirs.Options("owner", memoryCapacity: 64 << 10));
        _peer = new TierProcess(_dirs.Options("peer"));
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
    private readonly DataPlaneEndpoint _ownerEndpoint;
    private readonly DataPlaneEndpoint _peerEndpoint;
    private readonly DiskBlockStore _owner;
    private readonly DiskBlockStore _peer;

    public DiskContract()
    {
        var options = _dirs.Options("disk");
        _ownerEndpoint = new DataPlaneEndpoint(options);
        _peerEndpoint = new DataPlaneEndpoint(options);
        _owner = new DiskBlockStore(options, _ownerEndpoint);
        _peer = new DiskBlockStore(options, _peerEndpoint);
    }

    protected override IBlockStore Owner => _owner;
    protected override IBlockStore Peer => _peer;

    [Fact]
    public async Task Blocks_are_files_under_the_job_directory()
    {
        var block = await _owner.AllocateAsync("job-files", 1, 10);

        Assert.Equal(Path.Combine(_dirs.Root, "disk", "job-files", block.BlockId), block.Location);
        Assert.True(File.Exists(block.Location));
        await _owner.FreeJobAsync("job-files");
        Assert.False(File.Exists(block.Location));
    }

    public override void Dispose()
    {
        _peer.Dispose();
        _owner.Dispose();
        _peerEndpoint.Dispose();
        _ownerEndpoint.Dispose();
        _dirs.Dispose();
    }
}
