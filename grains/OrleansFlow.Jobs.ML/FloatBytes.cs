using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrleansFlow.Jobs.ML;

/// <summary>
/// A float array seen as <see cref="Memory{T}"/> of bytes, so the block store reads a cached partition straight into
/// the array the gradient kernels use (no second copy). The array lives on the pinned heap, so Pin costs nothing.
/// </summary>
internal sealed class FloatBytes : MemoryManager<byte>
{
    private readonly float[] _values;

    public FloatBytes(int length) => _values = GC.AllocateUninitializedArray<float>(length, pinned: true);

    public float[] Values => _values;

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(_values.AsSpan());

    public override unsafe MemoryHandle Pin(int elementIndex = 0) =>
        new((byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_values)) + elementIndex);

    public override void Unpin()
    {
        // Pinned for its whole life.
    }

    protected override void Dispose(bool disposing)
    {
        // Nothing to release: the array is garbage-collected.
    }
}
