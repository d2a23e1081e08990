namespace OrleansFlow.Abstractions.Memory;

/// <summary>One read of a batch (<see cref="IBlockStore.ReadManyAsync"/>): <c>Destination.Length</c> bytes of
/// <paramref name="Block"/> from <paramref name="Offset"/>.</summary>
public readonly record struct BlockRead(BlockDescriptor Block, long Offset, Memory<byte> Destination);

/// <summary>One write of a batch (<see cref="IBlockStore.WriteManyAsync"/>): <paramref name="Source"/> into
/// <paramref name="Block"/> at <paramref name="Offset"/>.</summary>
public readonly record struct BlockWrite(BlockDescriptor Block, long Offset, ReadOnlyMemory<byte> Source);
