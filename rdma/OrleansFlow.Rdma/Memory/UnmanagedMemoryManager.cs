using System.Buffers;

namespace OrleansFlow.Rdma.Memory;

/// <summary>Lets tier memory be handed out as <see cref="Memory{T}"/> (for sockets and zero-copy readers) without copying.</summary>
internal sealed unsafe class UnmanagedMemoryManager(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
        // Tier memory is native and never moves.
    }

    protected override void Dispose(bool disposing)
    {
        // The region owns the memory.
    }
}
