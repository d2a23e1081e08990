using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.Memory;

namespace OrleansFlow.Rdma.Tests.Contract;

/// <summary>
/// The reader is on another host that happens to see the owner's region and spill files (a shared file system, or
/// another network namespace of one machine): its host identity differs, so it must use TCP, not the files.
/// </summary>
public sealed class OtherHostContract : BlockStoreContract
{
    private readonly TestDirectories _dirs = new();
    private readonly TierNode _owner;
    private readonly TierNode _peer;

    public OtherHostContract()
    {
        _owner = new TierNode(_dirs.Options("owner", memoryCapacity: 64 << 10));
        var peer = _dirs.Options("peer");
        peer.HostIdentity = "another-host";
        _peer = new TierNode(peer);
    }

    protected override IBlockStore Owner => _owner.Store;
    protected override IBlockStore Peer => _peer.Store;

    [Fact]
    public async Task Blocks_in_dram_and_spilled_ones_go_over_tcp_although_their_files_are_visible()
    {
        var inDram = await _owner.Store.AllocateAsync("job", 1, 4096);
        var spilled = await _owner.Store.AllocateAsync("job", 1, 128 << 10); // beyond the 64 KiB budget

        Assert.StartsWith($"shm:{HostIdentity.Current}:", inDram.Location, StringComparison.Ordinal);
        Assert.StartsWith($"spill:{HostIdentity.Current}:", spilled.Location, StringComparison.Ordinal);
        Assert.Equal(TierTransport.Tcp, _peer.Store.ChooseTransport(inDram));
        Assert.Equal(TierTransport.Tcp, _peer.Store.ChooseTransport(spilled));
        await _owner.Store.WriteAsync(inDram, 0, TestBytes.Make(4096, 3));
        var read = new byte[4096];
        await _peer.Store.ReadAsync(inDram, 0, read);
        Assert.Equal(TestBytes.Make(4096, 3), read);
        Assert.Equal(0, _peer.Store.MappedPeerRegions);
    }

    public override void Dispose()
    {
        _peer.Dispose();
        _owner.Dispose();
        _dirs.Dispose();
    }
}
