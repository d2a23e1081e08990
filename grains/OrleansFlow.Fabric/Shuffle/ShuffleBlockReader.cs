using System.Buffers;
using System.Runtime.CompilerServices;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Fabric.Shuffle;

/// <summary>
/// Reads a shuffle partition's bytes from the block store. Every read turns a block that cannot be read into
/// <see cref="ShuffleDataLostException"/> naming the tasks that wrote it, so the job recomputes just those.
/// </summary>
public static class ShuffleBlockReader
{
    /// <summary>Bytes per batch: enough to hide round trips over TCP (docs/memory-tier.md), small enough to keep
    /// two batches per reducer in memory.</summary>
    public const int BatchBytes = 8 << 20;

    /// <summary>Yields each block's bytes in order, reading in batches (<see cref="IBlockStore.ReadManyAsync"/>: one round
    /// trip per owner for many small blocks) with the next batch read while the caller consumes this one.
    /// A yielded memory is valid until the next item is requested.</summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadBatchedAsync(
        IBlockStore store, ShuffleBlocks shuffle, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blocks = shuffle.Blocks;
        var batches = Cut(blocks);
        if (batches.Count == 0) yield break;
        var current = Start(store, shuffle, batches[0], cancellationToken);
        try
        {
            for (var b = 0; b < batches.Count; b++)
            {
                var (buffer, read) = current;
                await read;
                current = b + 1 < batches.Count ? Start(store, shuffle, batches[b + 1], cancellationToken) : default;
                try
                {
                    var offset = 0;
                    for (var i = batches[b].Start; i < batches[b].End; i++)
                    {
                        var length = (int)blocks[i].Length;
                        yield return buffer.AsMemory(offset, length);
                        offset += length;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        finally
        {
            // Abandoned early (an error, or the consumer stopped): let the read ahead finish before its buffer is reused.
            if (current.Buffer is { } pending)
            {
                try { await current.Read; } catch (Exception) { /* the consumer already failed or stopped */ }
                ArrayPool<byte>.Shared.Return(pending);
            }
        }
    }

    /// <summary>Every block whole, in one batched read (one round trip per owner).</summary>
    public static async Task<byte[][]> ReadAllAsync(IBlockStore store, ShuffleBlocks shuffle, CancellationToken cancellationToken)
    {
        var bytes = shuffle.Blocks.Select(block => new byte[block.Length]).ToArray();
        var reads = shuffle.Blocks.Select((block, i) => new BlockRead(block, 0, bytes[i])).ToArray();
        await ReadManyAsync(store, shuffle, reads, 0, cancellationToken);
        return bytes;
    }

    /// <summary>Block <paramref name="index"/> whole into <paramref name="destination"/>.</summary>
    public static async Task ReadAsync(IBlockStore store, ShuffleBlocks shuffle, int index, Memory<byte> destination, CancellationToken cancellationToken)
    {
        try
        {
            await store.ReadAsync(shuffle.Blocks[index], 0, destination, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw shuffle.Lost(index, index + 1, e);
        }
    }

    private static (byte[] Buffer, Task Read) Start(IBlockStore store, ShuffleBlocks shuffle, (int Start, int End) batch, CancellationToken cancellationToken)
    {
        var blocks = shuffle.Blocks;
        long total = 0;
        for (var i = batch.Start; i < batch.End; i++) total += blocks[i].Length;
        var buffer = ArrayPool<byte>.Shared.Rent(checked((int)Math.Max(1, total)));
        var reads = new BlockRead[batch.End - batch.Start];
        var offset = 0;
        for (var i = batch.Start; i < batch.End; i++)
        {
            var length = (int)blocks[i].Length;
            reads[i - batch.Start] = new BlockRead(blocks[i], 0, buffer.AsMemory(offset, length));
            offset += length;
        }
        return (buffer, ReadManyAsync(store, shuffle, reads, batch.Start, cancellationToken));
    }

    private static async Task ReadManyAsync(IBlockStore store, ShuffleBlocks shuffle, BlockRead[] reads, int first, CancellationToken cancellationToken)
    {
        if (reads.Length == 0)
            return;
        try
        {
            await store.ReadManyAsync(reads, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw shuffle.Lost(first, first + reads.Length, e);
        }
    }

    /// <summary>Consecutive runs of blocks of at most <see cref="BatchBytes"/> (a bigger block is a batch alone).</summary>
    private static List<(int Start, int End)> Cut(IReadOnlyList<BlockDescriptor> blocks)
    {
        var batches = new List<(int, int)>();
        var start = 0;
        long bytes = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i > start && bytes + blocks[i].Length > BatchBytes)
            {
                batches.Add((start, i));
                start = i;
                bytes = 0;
            }
            bytes += blocks[i].Length;
        }
        if (blocks.Count > start) batches.Add((start, blocks.Count));
        return batches;
    }
}
