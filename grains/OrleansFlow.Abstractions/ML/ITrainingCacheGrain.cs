using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Abstractions.ML;

/// <summary>
/// Where each training partition of an ML job is cached on the memory tier (keyed by job id), and how often
/// workers read the cache versus the source. The job's blocks are freed when the job ends.
/// </summary>
public interface ITrainingCacheGrain : IGrainWithStringKey
{
    /// <summary>The cached partition, or null when it must be read from the source.</summary>
    Task<CachedPartition?> Lookup(int partition);

    /// <summary>A worker read the partition from its source and cached it.</summary>
    Task RecordSourceRead(int partition, CachedPartition cached);

    /// <summary>A worker read the partition from the cache.</summary>
    Task RecordCacheHit(int partition, long bytes);

    /// <summary>A cached block could not be read (lost with its silo); the next lookup reads the source.</summary>
    Task Forget(int partition);

    Task<TrainingCacheCounters> GetCounters();
}

/// <summary>A partition's rows as one float32 block: Rows x Columns features (row-major), then Rows labels.</summary>
[GenerateSerializer, Immutable]
public sealed record CachedPartition([property: Id(0)] BlockDescriptor Block, [property: Id(1)] int Rows, [property: Id(2)] int Columns);

/// <summary>Source reads are misses; every epoch after the first should only hit.</summary>
[GenerateSerializer, Immutable]
public sealed record TrainingCacheCounters(
    [property: Id(0)] long SourceReads,
    [property: Id(1)] long SourceRows,
    [property: Id(2)] long CacheHits,
    [property: Id(3)] long CacheBytesRead);
