using System.Collections.Concurrent;
using System.Globalization;
using OrleansFlow.Abstractions.Memory;
using StackExchange.Redis;

namespace OrleansFlow.Rdma.Redis;

/// <summary>
/// The "remote storage" baseline: blocks in a Redis server, cut into chunks of <see cref="BlockStoreOptions.RedisChunkBytes"/>
/// (Redis values are best kept small), every chunk of a transfer sent at once on the multiplexed connection. Keys are
/// checked inside Redis by a script, atomically with each chunk's transfer.
/// </summary>
public sealed class RedisBlockStore : IBlockStore, IDisposable
{
    private const string Prefix = "orleansflow:";
    private readonly ConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly int _chunkBytes;
    private readonly string _server;
    private readonly BlockIds _ids = new();
    private readonly ConcurrentDictionary<string, BlockDescriptor> _allocatedHere = new();

    public RedisBlockStore(BlockStoreOptions options)
    {
        BlockStoreOptionsValidator.ThrowIfInvalid(options);
        if (options.RedisConfiguration is null)
            throw new ArgumentException("BlockStoreOptions.RedisConfiguration is not set, so there is no Redis server for the Redis store.", nameof(options));
        var configuration = ConfigurationOptions.Parse(options.RedisConfiguration);
        configuration.AbortOnConnectFail = false; // a silo starts even while Redis is down; calls then fail naming it
        _server = options.RedisConfiguration;
        _redis = ConnectionMultiplexer.Connect(configuration);
        _db = _redis.GetDatabase();
        _chunkBytes = options.RedisChunkBytes;
    }

    public ShuffleStoreKind Kind => ShuffleStoreKind.Redis;

    public async ValueTask<BlockDescriptor> AllocateAsync(string jobId, ulong accessKey, long length, CancellationToken cancellationToken = default)
    {
        BlockIds.ThrowIfInvalidJobId(jobId);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var blockId = _ids.Next();
        var block = new BlockDescriptor(ShuffleStoreKind.Redis, blockId, jobId, "", BlockKey(blockId), 0, length, accessKey);
        var batch = _db.CreateBatch();
        var meta = batch.HashSetAsync(BlockKey(blockId), [
            new HashEntry("k", KeyText(accessKey)), new HashEntry("len", length), new HashEntry("job", jobId)]);
        var member = batch.SetAddAsync(JobKey(jobId), blockId);
        batch.Execute();
        await Call(block, Task.WhenAll(meta, member)).ConfigureAwait(false);
        _allocatedHere[blockId] = block;
        return block;
    }

    public async ValueTask WriteAsync(BlockDescriptor block, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Redis);
        ThrowIfBadRange(block, offset, source.Length);
        var pieces = new List<Task>();
        foreach (var (chunk, inChunk, start, count) in Pieces(offset, source.Length))
        {
            pieces.Add(_db.ScriptEvaluateAsync(RedisScripts.Write, [BlockKey(block.BlockId), ChunkKey(block.BlockId, chunk)],
                [KeyText(block.AccessKey), offset + start, count, inChunk, source.Slice(start, count)]));
        }
        await Call(block, Task.WhenAll(pieces)).ConfigureAwait(false);
    }

    public async ValueTask ReadAsync(BlockDescriptor block, long offset, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Redis);
        ThrowIfBadRange(block, offset, destination.Length);
        var pieces = Pieces(offset, destination.Length).ToList();
        var replies = pieces.Select(p => _db.ScriptEvaluateAsync(RedisScripts.Read, [BlockKey(block.BlockId), ChunkKey(block.BlockId, p.Chunk)],
            [KeyText(block.AccessKey), offset + p.Start, p.Count, p.InChunk])).ToList();
        await Call(block, Task.WhenAll(replies)).ConfigureAwait(false);
        for (var i = 0; i < pieces.Count; i++)
        {
            var bytes = (byte[])replies[i].Result!;
            var target = destination.Span.Slice(pieces[i].Start, pieces[i].Count);
            bytes.CopyTo(target);
            target[bytes.Length..].Clear(); // a chunk never written up to here reads as zeros, as in the other stores
        }
    }

    /// <summary>Every chunk of every read goes out at once: the multiplexer pipelines them all on its connection, so
    /// the batch costs about one round trip (Redis' own best batching), each chunk still key-checked by the script.</summary>
    public async ValueTask ReadManyAsync(IReadOnlyList<BlockRead> reads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var running = new Task[reads.Count];
        for (var i = 0; i < reads.Count; i++)
            running[i] = ReadAsync(reads[i].Block, reads[i].Offset, reads[i].Destination, cancellationToken).AsTask();
        await FirstInOrderAsync(running).ConfigureAwait(false);
    }

    /// <summary>Every chunk of every write goes out at once, pipelined like <see cref="ReadManyAsync"/>.</summary>
    public async ValueTask WriteManyAsync(IReadOnlyList<BlockWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var running = new Task[writes.Count];
        for (var i = 0; i < writes.Count; i++)
            running[i] = WriteAsync(writes[i].Block, writes[i].Offset, writes[i].Source, cancellationToken).AsTask();
        await FirstInOrderAsync(running).ConfigureAwait(false);
    }

    public bool IsLocal(BlockDescriptor block) => false;

    public async ValueTask FreeAsync(BlockDescriptor block, CancellationToken cancellationToken = default)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Redis);
        var keys = new List<RedisKey> { BlockKey(block.BlockId), JobKey(block.JobId) };
        for (long chunk = 0; chunk * _chunkBytes < Math.Max(block.Length, 1); chunk++)
            keys.Add(ChunkKey(block.BlockId, chunk));
        await Call(block, _db.ScriptEvaluateAsync(RedisScripts.Free, [.. keys], [KeyText(block.AccessKey), block.BlockId])).ConfigureAwait(false);
        _allocatedHere.TryRemove(block.BlockId, out _);
    }

    /// <summary>Frees every block of the job in Redis (the store is shared, so this is not limited to this process's blocks).</summary>
    public async ValueTask<int> FreeJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        BlockIds.ThrowIfInvalidJobId(jobId);
        var freed = 0;
        foreach (var member in await Call(null, _db.SetMembersAsync(JobKey(jobId))).ConfigureAwait(false))
        {
            var blockId = member.ToString();
            var length = (long)(await _db.HashGetAsync(BlockKey(blockId), "len").ConfigureAwait(false));
            var keys = new List<RedisKey> { BlockKey(blockId) };
            for (long chunk = 0; chunk * _chunkBytes < Math.Max(length, 1); chunk++)
                keys.Add(ChunkKey(blockId, chunk));
            freed += (int)await _db.KeyDeleteAsync([.. keys]).ConfigureAwait(false) > 0 ? 1 : 0;
            _allocatedHere.TryRemove(blockId, out _);
        }
        await _db.KeyDeleteAsync(JobKey(jobId)).ConfigureAwait(false);
        return freed;
    }

    /// <summary>The blocks this process allocated in Redis and has not freed (Redis memory is not this silo's).</summary>
    public StoreUsage GetUsage()
    {
        long bytes = 0;
        var blocks = 0;
        foreach (var block in _allocatedHere.Values)
        {
            bytes += block.Length;
            blocks++;
        }
        return new StoreUsage(ShuffleStoreKind.Redis, 0, bytes, 0, blocks);
    }

    public void Dispose() => _redis.Dispose();

    /// <summary>The chunks a transfer touches: (chunk index, offset in chunk, offset in the caller's buffer, bytes).</summary>
    private IEnumerable<(long Chunk, long InChunk, int Start, int Count)> Pieces(long offset, int length)
    {
        for (var done = 0; done < length;)
        {
            var position = offset + done;
            var inChunk = position % _chunkBytes;
            var count = (int)Math.Min(length - done, _chunkBytes - inChunk);
            yield return (position / _chunkBytes, inChunk, done, count);
            done += count;
        }
    }

    /// <summary>What can be checked before going to Redis; the end of the range is checked there, against the
    /// length the block was allocated with.</summary>
    private static void ThrowIfBadRange(BlockDescriptor block, long offset, int count)
    {
        if (offset < 0)
            throw new ArgumentOutOfRangeException(nameof(offset), $"Offset {offset} is negative for block {block.BlockId}.");
        if (count == 0)
            BlockChecks.ThrowIfOutOfRange(block.BlockId, block.Length, offset, 0);
    }

    /// <summary>Waits for every transfer of a batch, then throws the failure of the earliest one in list order.</summary>
    private static async Task FirstInOrderAsync(Task[] running)
    {
        Exception? first = null;
        foreach (var transfer in running)
        {
            try
            {
                await transfer.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                first ??= e;
            }
        }
        if (first is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
    }

    /// <summary>Runs a Redis call, turning its failures into the store's exceptions naming the block and the server.</summary>
    private async Task<T> Call<T>(BlockDescriptor? block, Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(block, e) is { } translated)
        {
            throw translated;
        }
    }

    private async Task Call(BlockDescriptor block, Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(block, e) is { } translated)
        {
            throw translated;
        }
    }

    private Exception? Translate(BlockDescriptor? block, Exception e)
    {
        if (e is RedisConnectionException or RedisTimeoutException)
            return new IOException($"The Redis shuffle store at {_server} cannot be reached: {e.Message}", e);
        if (e is not RedisServerException || block is null)
            return null;
        var message = e.Message;
        if (message.Contains("NOTFOUND", StringComparison.Ordinal))
            return BlockChecks.NotFound(block);
        if (message.Contains("DENIED", StringComparison.Ordinal))
            return BlockChecks.Denied(block);
        var range = message.IndexOf("RANGE ", StringComparison.Ordinal);
        if (range >= 0 && long.TryParse(message.AsSpan(range + 6).Trim(), CultureInfo.InvariantCulture, out var length))
            return new ArgumentOutOfRangeException("offset", $"The range is outside block {block.BlockId} of {length} bytes.");
        return null;
    }

    private static string KeyText(ulong accessKey) => accessKey.ToString(CultureInfo.InvariantCulture);

    private static string BlockKey(string blockId) => Prefix + "block:" + blockId;

    private static RedisKey JobKey(string jobId) => Prefix + "job:" + jobId;

    private static RedisKey ChunkKey(string blockId, long chunk) => Prefix + "block:" + blockId + ":" + chunk.ToString(CultureInfo.InvariantCulture);
}
