using Microsoft.Extensions.Logging;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.ML.Data;

namespace OrleansFlow.Jobs.ML;

/// <summary>
/// A worker's training partition: from the memory tier when an earlier epoch cached it, else from the source,
/// then cached as one float32 block (features row-major, then labels) for the epochs after.
/// </summary>
public sealed class PartitionCache(IBlockStoreProvider stores, IGrainFactory grains, ILogger<PartitionCache> logger)
{
    /// <summary>The partition's rows, and the bytes read for them (from the cache or the source's float size).</summary>
    public async Task<(DataShard Shard, long Bytes)> GetAsync(
        MlArgs p, string jobId, ulong accessKey, ShuffleStoreKind storeKind, int partition, int partitions, CancellationToken cancellationToken)
    {
        var store = stores.Get(storeKind);
        var cache = grains.GetGrain<ITrainingCacheGrain>(jobId);
        if (await cache.Lookup(partition) is { } cached)
        {
            try
            {
                var shard = await ReadAsync(store, cached, cancellationToken);
                await cache.RecordCacheHit(partition, cached.Block.Length);
                return (shard, cached.Block.Length);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Lost with its silo, or freed: read the source again (counted as a miss).
                logger.LogWarning("ML job {Job}: cached partition {Partition} unreadable, reading the source: {Error}", jobId, partition, e.Message);
                await cache.Forget(partition);
            }
        }

        var rows = await TrainingDataSource.LoadPartitionAsync(p, partition, partitions, cancellationToken);
        var length = await StoreAsync(jobId, accessKey, storeKind, partition, rows, cancellationToken);
        return (rows.AsShard(), length);
    }

    /// <summary>Caches a partition read from the source (counted as a source read); returns the block's length.</summary>
    public async Task<long> StoreAsync(string jobId, ulong accessKey, ShuffleStoreKind storeKind, int partition, FeatureMatrix rows, CancellationToken cancellationToken)
    {
        var block = await WriteAsync(stores.Get(storeKind), jobId, accessKey, rows, cancellationToken);
        await grains.GetGrain<ITrainingCacheGrain>(jobId).RecordSourceRead(partition, new CachedPartition(block, rows.Rows, rows.Columns));
        return block.Length;
    }

    /// <summary>
    /// Every partition's rows, in partition order, from the cache (not counted as training reads), or from the
    /// source for a partition whose block is gone.
    /// </summary>
    public async Task<FeatureMatrix> ReadAllAsync(MlArgs p, string jobId, ShuffleStoreKind storeKind, int partitions, CancellationToken cancellationToken)
    {
        var store = stores.Get(storeKind);
        var cache = grains.GetGrain<ITrainingCacheGrain>(jobId);
        var shards = new DataShard[partitions];
        for (var i = 0; i < partitions; i++)
        {
            try
            {
                shards[i] = await cache.Lookup(i) is { } cached
                    ? await ReadAsync(store, cached, cancellationToken)
                    : (await TrainingDataSource.LoadPartitionAsync(p, i, partitions, cancellationToken)).AsShard();
            }
            catch (Exception e) when (e is not OperationCanceledException and not ArgumentException and not Engine.Input.InputException)
            {
                logger.LogWarning("ML job {Job}: cached partition {Partition} unreadable, reading the source: {Error}", jobId, i, e.Message);
                shards[i] = (await TrainingDataSource.LoadPartitionAsync(p, i, partitions, cancellationToken)).AsShard();
            }
        }
        var columns = shards[0].Columns;
        var features = new float[shards.Sum(s => (long)s.Features.Length)];
        var labels = new float[shards.Sum(s => s.Rows)];
        long f = 0;
        var l = 0;
        foreach (var shard in shards)
        {
            shard.Features.Span.CopyTo(features.AsSpan(checked((int)f)));
            shard.Labels.Span.CopyTo(labels.AsSpan(l));
            f += shard.Features.Length;
            l += shard.Rows;
        }
        return new FeatureMatrix(features, labels, columns);
    }

    private static async Task<BlockDescriptor> WriteAsync(IBlockStore store, string jobId, ulong accessKey, FeatureMatrix rows, CancellationToken cancellationToken)
    {
        var featureBytes = (long)rows.Features.Length * sizeof(float);
        var block = await store.AllocateAsync(jobId, accessKey, featureBytes + (long)rows.Labels.Length * sizeof(float), cancellationToken);
        await store.WriteAsync(block, 0, AsBytes(rows.Features), cancellationToken);
        await store.WriteAsync(block, featureBytes, AsBytes(rows.Labels), cancellationToken);
        return block;
    }

    private static async Task<DataShard> ReadAsync(IBlockStore store, CachedPartition cached, CancellationToken cancellationToken)
    {
        var featureCount = (long)cached.Rows * cached.Columns;
        if ((featureCount + cached.Rows) * sizeof(float) != cached.Block.Length)
            throw new InvalidDataException($"cached block {cached.Block.BlockId} holds {cached.Block.Length} bytes, not {cached.Rows} rows x {cached.Columns} features + labels");
        var buffer = new FloatBytes(checked((int)(featureCount + cached.Rows)));
        await store.ReadAsync(cached.Block, 0, buffer.Memory, cancellationToken);
        var values = buffer.Values.AsMemory();
        return new DataShard(values[..(int)featureCount], values[(int)featureCount..], cached.Columns);
    }

    private static ReadOnlyMemory<byte> AsBytes(float[] values)
    {
        // Once per partition (first epoch): a copy is cheap next to reading the source.
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
