namespace OrleansFlow.Abstractions.Memory;

/// <summary>Where a job keeps its intermediate data (shuffle, broadcast, caches).</summary>
[GenerateSerializer]
public enum ShuffleStoreKind
{
    /// <summary>The memory tier: registered memory on every silo, spilling to local disk.</summary>
    Memory = 0,
    /// <summary>A Redis server (the "remote storage" baseline of the research).</summary>
    Redis = 1,
    /// <summary>Files on each silo's local disk.</summary>
    Disk = 2,
}
