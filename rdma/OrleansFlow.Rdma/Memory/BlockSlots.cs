using System.Runtime.InteropServices;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// The block table the owner publishes at the head of its shared region so that other processes can check a
/// descriptor and its key without the owner's CPU (one-sided, like an RDMA NIC checking an rkey). Slot i describes
/// the block that starts at data unit i; each slot is a seqlock: the owner makes the version odd while it changes the
/// slot, and a peer that sees the version move during its copy knows the block was freed under it.
/// </summary>
/// <remarks>File layout: a 64-byte header (magic, alignment, slot count, data start), the slots, then the data.</remarks>
internal sealed unsafe class BlockSlots
{
    public const int HeaderSize = 64;
    private const ulong Magic = 0x3147455246464F4F; // "OOFFREG1"
    private const int MaxAttempts = 100_000;

    private readonly byte* _base;
    private readonly long _slotCount;

    private BlockSlots(byte* regionBase, int alignment, long slotCount, long dataStart)
    {
        _base = regionBase;
        Alignment = alignment;
        _slotCount = slotCount;
        DataStart = dataStart;
    }

    public int Alignment { get; }

    /// <summary>Offset in the region where block data begins (after header and slots, aligned).</summary>
    public long DataStart { get; }

    /// <summary>Bytes of header and slots in front of <paramref name="dataBytes"/> of data.</summary>
    public static long OverheadFor(long dataBytes, int alignment)
    {
        var slots = dataBytes / alignment;
        return AlignUp(HeaderSize + slots * sizeof(Slot), alignment);
    }

    /// <summary>Formats a fresh (zeroed) region for <paramref name="dataBytes"/> of data.</summary>
    public static BlockSlots Format(byte* regionBase, long dataBytes, int alignment)
    {
        var slots = dataBytes / alignment;
        var header = (long*)regionBase;
        header[1] = alignment;
        header[2] = slots;
        header[3] = OverheadFor(dataBytes, alignment);
        Volatile.Write(ref *(ulong*)regionBase, Magic);
        return new BlockSlots(regionBase, alignment, slots, header[3]);
    }

    /// <summary>Reads the layout of a region another process formatted.</summary>
    public static BlockSlots Attach(byte* regionBase, long regionLength, string path)
    {
        var header = (long*)regionBase;
        if (regionLength < HeaderSize || Volatile.Read(ref *(ulong*)regionBase) != Magic)
            throw new InvalidDataException($"Shared region {path} is not an OrleansFlow memory-tier region (bad header).");
        return new BlockSlots(regionBase, (int)header[1], header[2], header[3]);
    }

    public void Publish(long regionOffset, ulong idHash, ulong accessKey, long length)
    {
        ref var slot = ref SlotAt(regionOffset);
        var version = slot.Version;
        Volatile.Write(ref slot.Version, version + 1);
        slot.IdHash = idHash;
        slot.AccessKey = accessKey;
        slot.Length = length;
        slot.Live = 1;
        Volatile.Write(ref slot.Version, version + 2);
    }

    public void Retract(long regionOffset)
    {
        ref var slot = ref SlotAt(regionOffset);
        var version = slot.Version;
        Volatile.Write(ref slot.Version, version + 1);
        slot.Live = 0;
        slot.AccessKey = 0;
        Volatile.Write(ref slot.Version, version + 2);
    }

    /// <summary>Checks a descriptor against its slot; returns the version to re-check after the copy and the
    /// block's recorded length. Throws when the block is gone or the key is wrong.</summary>
    public (long Version, long Length) Open(BlockDescriptor block, ulong idHash)
    {
        if (block.Offset < DataStart || (block.Offset - DataStart) % Alignment != 0 || (block.Offset - DataStart) / Alignment >= _slotCount)
            throw BlockChecks.NotFound(block);
        ref var slot = ref SlotAt(block.Offset);
        var spin = new SpinWait();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var version = Volatile.Read(ref slot.Version);
            if ((version & 1) == 0)
            {
                var live = slot.Live;
                var hash = slot.IdHash;
                var key = slot.AccessKey;
                var length = slot.Length;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref slot.Version) == version)
                {
                    if (live != 1 || hash != idHash || length != block.Length)
                        throw BlockChecks.NotFound(block);
                    if (key != block.AccessKey)
                        throw BlockChecks.Denied(block);
                    return (version, length);
                }
            }
            spin.SpinOnce();
        }
        // An owner changes a slot in a few stores; one that stays odd belongs to an owner that died in the middle.
        throw BlockChecks.NotFound(block);
    }

    /// <summary>True when the slot did not change since <see cref="Open"/>, so the bytes copied meanwhile are the block's.</summary>
    public bool StillOpen(long regionOffset, long version)
    {
        Interlocked.MemoryBarrier();
        return Volatile.Read(ref SlotAt(regionOffset).Version) == version;
    }

    private ref Slot SlotAt(long regionOffset) =>
        ref *(Slot*)(_base + HeaderSize + (regionOffset - DataStart) / Alignment * sizeof(Slot));

    private static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;

    [StructLayout(LayoutKind.Sequential, Size = 64)]
    private struct Slot
    {
        public long Version;
        public ulong IdHash;
        public ulong AccessKey;
        public long Length;
        public long Live;
    }
}
