using System.Collections.Concurrent;
using System.Globalization;
using OrleansFlow.Abstractions.Memory;
using StackExchange.Redis;

namespace OrleansFlow.Benchmarks.Tier;

/// <summary>
/// Redis at its best, for the benchmark only: each block is one plain string value moved whole with GET/SET, no key
/// check, no chunking, no script; a batch sends all its commands at once on the multiplexed connection (pipelined)
/// and reads values through leases (no managed copy of each value). This is the upper bound the Redis store could
/// reach, so the memory tier is compared against Redis' best, not only against our Redis store.
/// </summary>
internal sealed class RawRedisBlocks(string configuration) : IBlockStore, IDisposable
{
    private const string Prefix = "orleansflow:bench-raw:";
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(configuration);
    private readonly ConcurrentDictionary<string, byte> _keys = new();
    private long _next;

    private IDatabase Db => _redis.GetDatabase();

    public ShuffleStoreKind Kind => ShuffleStoreKind.Redis;

    public ValueTask<BlockDescriptor> AllocateAsync(string jobId, ulong accessKey, long length, CancellationToken cancellationToken = default)
    {
        var key = Prefix + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        _keys[key] = 0;
        return ValueTask.FromResult(new BlockDescriptor(ShuffleStoreKind.Redis, key, jobId, "", key, 0, length, accessKey));
    }

    public async ValueTask WriteAsync(BlockDescriptor block, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        ThrowIfPartial(block, offset, source.Length);
        await Db.StringSetAsync(block.Location, source).ConfigureAwait(false);
    }

    public async ValueTask ReadAsync(BlockDescriptor block, long offset, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        ThrowIfPartial(block, offset, destination.Length);
        using var lease = await Db.StringGetLeaseAsync(block.Location).ConfigureAwait(false);
        CopyWhole(block, lease, destination);
    }

    public async ValueTask ReadManyAsync(IReadOnlyList<BlockRead> reads, CancellationToken cancellationToken = default)
    {
        var db = Db;
        var replies = new Task<Lease<byte>?>[reads.Count];
        for (var i = 0; i < reads.Count; i++)
        {
            ThrowIfPartial(reads[i].Block, reads[i].Offset, reads[i].Destination.Length);
            replies[i] = db.StringGetLeaseAsync(reads[i].Block.Location);
        }
        for (var i = 0; i < reads.Count; i++)
        {
            using var lease = await replies[i].ConfigureAwait(false);
            CopyWhole(reads[i].Block, lease, reads[i].Destination);
        }
    }

    public async ValueTask WriteManyAsync(IReadOnlyList<BlockWrite> writes, CancellationToken cancellationToken = default)
    {
        var db = Db;
        var replies = new Task[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            ThrowIfPartial(writes[i].Block, writes[i].Offset, writes[i].Source.Length);
            replies[i] = db.StringSetAsync(writes[i].Block.Location, writes[i].Source);
        }
        await Task.WhenAll(replies).ConfigureAwait(false);
    }

    public bool IsLocal(BlockDescriptor block) => false;

    public async ValueTask FreeAsync(BlockDescriptor block, CancellationToken cancellationToken = default)
    {
        await Db.KeyDeleteAsync(block.Location).ConfigureAwait(false);
        _keys.TryRemove(block.Location, out _);
    }

    public async ValueTask<int> FreeJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var keys = _keys.Keys.Select(k => (RedisKey)k).ToArray();
        _keys.Clear();
        return (int)await Db.KeyDeleteAsync(keys).ConfigureAwait(false);
    }

    public StoreUsage GetUsage() => new(ShuffleStoreKind.Redis, 0, 0, 0, _keys.Count);

    public void Dispose() => _redis.Dispose();

    private static void ThrowIfPartial(BlockDescriptor block, long offset, int count)
    {
        if (offset != 0 || count != block.Length)
            throw new NotSupportedException($"The raw Redis benchmark moves whole blocks only; block {block.BlockId} was asked for [{offset}, {offset + count}).");
    }

    private static void CopyWhole(BlockDescriptor block, Lease<byte>? lease, Memory<byte> destination)
    {
        if (lease is null || lease.Length != destination.Length)
            throw new InvalidOperationException($"Redis returned {lease?.Length ?? -1} bytes for block {block.BlockId} of {destination.Length}.");
        lease.Span.CopyTo(destination.Span);
    }
}
