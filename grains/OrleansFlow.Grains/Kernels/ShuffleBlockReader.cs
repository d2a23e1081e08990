using System.Buffers;
using System.Runtime.CompilerServices;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Grains.Kernels;

/// <summary>
/// Reads a reducer's shuffle blocks in batches (<see cref="IBlockStore.ReadManyAsync"/>): one round trip per owner
/// for many small blocks instead of one per block, and the next batch is read while the caller consumes this one.
/// A block that cannot be read is reported as lost shuffle data, so the job recomputes its producer.
/// </summary>
internal static class ShuffleBlockReader
{
    /// <summary>Bytes per batch: enough to hide round trips over TCP (docs/memory-tier.md), small enough to keep
    /// two batches per reducer in memory.</summary>
    public const int BatchBytes = 8 << 20;

    /// <summary>Yields each block's bytes in order. A yielded memory is valid until the next item is requested.</summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(
        IBlockStore store, IReadOnlyList<BlockDescriptor> blocks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batches = Cut(blocks);
        if (batches.Count == 0) yield break;
        var current = Start(store, blocks, batches[0], cancellationToken);
        try
        {
            for (var b = 0; b < batches.Count; b++)
            {
                var (buffer, read) = current;
                await read;
                current = b + 1 < batches.Count ? Start(store, blocks, batches[b + 1], cancellationToken) : default;
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

    private static (byte[] Buffer, Task Read) Start(IBlockStore store, IReadOnlyList<BlockDescriptor> blocks, (int Start, int End) batch, CancellationToken cancellationToken)
    {
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
        return (buffer, ReadBatchAsync(store, reads, cancellationToken));
    }

    private static async Task ReadBatchAsync(IBlockStore store, BlockRead[] reads, CancellationToken cancellationToken)
    {
        try
        {
            await store.ReadManyAsync(reads, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var first = reads[0].Block;
            throw new ShuffleDataLostException(
                $"{reads.Length} shuffle block(s) from {first.BlockId} at {first.Owner} on, cannot be read: {e.Message}");
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
