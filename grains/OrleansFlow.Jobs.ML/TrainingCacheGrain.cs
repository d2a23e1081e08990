using OrleansFlow.Abstractions.ML;

namespace OrleansFlow.Jobs.ML;

/// <summary>
/// Partition → cached block of one ML job, plus hit and miss counters. Kept in memory: if this grain is lost the
/// next epoch reads the source again (counted as misses), which is correct, only slower.
/// </summary>
[CollectionAgeLimit(Hours = 4)]
public sealed class TrainingCacheGrain : Grain, ITrainingCacheGrain
{
    private readonly Dictionary<int, CachedPartition> _partitions = [];
    private long _sourceReads;
    private long _sourceRows;
    private long _cacheHits;
    private long _cacheBytesRead;

    public Task<CachedPartition?> Lookup(int partition) => Task.FromResult(_partitions.GetValueOrDefault(partition));

    public Task RecordSourceRead(int partition, CachedPartition cached)
    {
        _partitions[partition] = cached;
        _sourceReads++;
        _sourceRows += cached.Rows;
        return Task.CompletedTask;
    }

    public Task RecordCacheHit(int partition, long bytes)
    {
        _cacheHits++;
        _cacheBytesRead += bytes;
        return Task.CompletedTask;
    }

    public Task Forget(int partition)
    {
        _partitions.Remove(partition);
        return Task.CompletedTask;
    }

    public Task<TrainingCacheCounters> GetCounters() =>
        Task.FromResult(new TrainingCacheCounters(_sourceReads, _sourceRows, _cacheHits, _cacheBytesRead));
}
