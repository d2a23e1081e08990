using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma.Memory;

/// <summary>A block this process owns: in DRAM at <see cref="RegionOffset"/>, or spilled to <see cref="SpillPath"/>.</summary>
internal sealed record TierBlock(BlockDescriptor Descriptor, long RegionOffset, string? SpillPath)
{
    public bool InDram => SpillPath is null;
}
