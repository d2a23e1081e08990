namespace OrleansFlow.Abstractions.Memory;

/// <summary>How much of a store one silo holds: DRAM (registered memory) and the disk it spilled to.</summary>
[GenerateSerializer, Immutable]
public sealed record StoreUsage(
    [property: Id(0)] ShuffleStoreKind Store,
    [property: Id(1)] long MemoryCapacityBytes,
    [property: Id(2)] long MemoryUsedBytes,
    [property: Id(3)] long DiskUsedBytes,
    [property: Id(4)] int Blocks);
