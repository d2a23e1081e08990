using System.Runtime.InteropServices;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.Memory;

namespace OrleansFlow.Rdma.Tests;

/// <summary>The published block table that shared-memory peers check without the owner.</summary>
public sealed unsafe class BlockSlotsTests : IDisposable
{
    private const int Alignment = 4096;
    private const long DataBytes = 64 * Alignment;
    private readonly byte* _region;
    private readonly BlockSlots _slots;

    public BlockSlotsTests()
    {
        var size = BlockSlots.OverheadFor(DataBytes, Alignment) + DataBytes;
        _region = (byte*)NativeMemory.AllocZeroed((nuint)size);
        _slots = BlockSlots.Format(_region, DataBytes, Alignment);
    }

    [Fact]
    public void A_peer_attaching_sees_the_owners_layout_and_blocks()
    {
        var offset = _slots.DataStart + 3 * Alignment;
        _slots.Publish(offset, TierLocations.HashId("b1"), 7, 100);

        var peer = BlockSlots.Attach(_region, BlockSlots.OverheadFor(DataBytes, Alignment) + DataBytes, "test");
        var (_, length) = peer.Open(Descriptor("b1", offset, 7, 100), TierLocations.HashId("b1"));

        Assert.Equal(_slots.DataStart, peer.DataStart);
        Assert.Equal(100, length);
    }

    [Fact]
    public void A_wrong_key_is_denied_and_a_retracted_or_reused_slot_is_not_found()
    {
        var offset = _slots.DataStart + 5 * Alignment;
        _slots.Publish(offset, TierLocations.HashId("old"), 7, 100);
        var old = Descriptor("old", offset, 7, 100);
        var (version, _) = _slots.Open(old, TierLocations.HashId("old"));

        Assert.Throws<BlockAccessDeniedException>(() => _slots.Open(old with { AccessKey = 8 }, TierLocations.HashId("old")));
        _slots.Retract(offset);
        Assert.False(_slots.StillOpen(offset, version)); // a copy that overlapped the free is detected
        Assert.Throws<BlockNotFoundException>(() => _slots.Open(old, TierLocations.HashId("old")));
        _slots.Publish(offset, TierLocations.HashId("new"), 7, 100);
        Assert.Throws<BlockNotFoundException>(() => _slots.Open(old, TierLocations.HashId("old")));
    }

    [Fact]
    public void An_offset_that_is_not_a_block_start_is_not_found()
    {
        var misaligned = Descriptor("x", _slots.DataStart + 100, 7, 10);
        var outside = Descriptor("x", _slots.DataStart + DataBytes, 7, 10);

        Assert.Throws<BlockNotFoundException>(() => _slots.Open(misaligned, TierLocations.HashId("x")));
        Assert.Throws<BlockNotFoundException>(() => _slots.Open(outside, TierLocations.HashId("x")));
    }

    public void Dispose() => NativeMemory.Free(_region);

    private static BlockDescriptor Descriptor(string id, long offset, ulong key, long length) =>
        new(ShuffleStoreKind.Memory, id, "job", "owner:1", "shm:/test", offset, length, key);
}
