using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Engine.Sort;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.Fabric.Hosting;
using OrleansFlow.Fabric.Shuffle;
using OrleansFlow.Rdma.Memory;

namespace OrleansFlow.Jobs.Sort;

/// <summary>
/// Map side of the sort job: reads one split of records, range-partitions it by the sample task's split keys, writes
/// one block per non-empty key range into the job's store and registers every range (empty ones too) in its shuffle
/// partition grain. With the memory store the records are scattered straight into the blocks' tier memory (one copy
/// fewer than partitioning into a buffer and writing that). Buffers come from the silo's sort buffer pool, which
/// reduce tasks reuse: fresh memory costs far more to touch than reused memory.
/// </summary>
public sealed class SortMapKernel(
    IBlockStoreProvider stores, ShuffleRegistry shuffles, SortBufferPool buffers, ILogger<SortMapKernel> logger, IOptions<OrleansFlowOptions> options) : ITaskKernel
{
    public const string KernelName = "sort.map";

    private readonly int _threads = KernelParallelism.PerTask(options.Value);

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var args = task.ArgsAs<SortMapArgs>();
        var split = args.Split;
        var length = checked((int)split.Length);
        SortRecord.CountOf(split.Length, $"{split.Path} at byte {split.Offset}");
        var store = stores.Get(task.Shuffle);
        var partitioner = await LoadPartitionerAsync(store, task.JobId, args.SplitKeys, cancellationToken);
        if (partitioner.Partitions != args.Partitions)
            throw new InvalidOperationException($"Job {task.JobId}: the sample task made {partitioner.Partitions} key ranges, the plan {args.Partitions}.");

        var input = buffers.Rent(length);
        byte[]? staging = null;
        try
        {
            var clock = Stopwatch.StartNew();
            await ReadSplitAsync(split, input.AsMemory(0, length), cancellationToken);
            using var counted = RecordPartitioner.Count(input.AsMemory(0, length), partitioner, _threads);
            var partitioned = clock.Elapsed;

            // Each non-empty range gets a block of exactly its size. Where the block is this silo's DRAM tier memory,
            // the records are scattered straight into it; otherwise (another store, a spilled or replicated block)
            // into a staging buffer that is then written to the store.
            var blocks = new BlockDescriptor?[args.Partitions];
            var destinations = new Memory<byte>[args.Partitions];
            var staged = new List<int>();
            var stagingUsed = 0;
            for (var p = 0; p < args.Partitions; p++)
            {
                var bytes = counted.RecordCount(p) * SortRecord.Size;
                if (bytes == 0)
                    continue;
                var block = await store.AllocateAsync(task.JobId, task.AccessKey, bytes, cancellationToken);
                blocks[p] = block;
                if (block.Replicas.Count == 0 && store is MemoryBlockStore memory && memory.TryGetLocalMemory(block, out var inTier))
                {
                    destinations[p] = inTier;
                    continue;
                }
                staging ??= buffers.Rent(length);
                destinations[p] = staging.AsMemory(stagingUsed, bytes);
                stagingUsed += bytes;
                staged.Add(p);
            }
            counted.ScatterInto(destinations);
            var scattered = clock.Elapsed;
            foreach (var p in staged)
                await store.WriteAsync(blocks[p]!, 0, destinations[p], cancellationToken);

            // Empty ranges report too: a reducer checks that every map task has reported.
            await shuffles.RegisterAsync(task, SortShuffle.RecordsName, blocks.Select(b => b is null ? null : (IReadOnlyList<BlockDescriptor>)[b]).ToList());
            logger.LogInformation("Sort map {Job}/{Task}: {Bytes} bytes read and counted in {Count:0.000} s, scattered in {Scatter:0.000} s ({Staged} of {Blocks} ranges through a staging copy), registered in {Register:0.000} s",
                task.JobId, task.TaskIndex, length, partitioned.TotalSeconds, (scattered - partitioned).TotalSeconds, staged.Count,
                blocks.Count(b => b is not null), (clock.Elapsed - scattered).TotalSeconds);
        }
        finally
        {
            if (staging is not null)
                buffers.Return(staging);
            buffers.Return(input);
        }
        var records = length / SortRecord.Size;
        return new KernelResult(records, records, length, length, []);
    }

    private async Task<RangePartitioner> LoadPartitionerAsync(IBlockStore store, string jobId, ShuffleInput splitKeys, CancellationToken cancellationToken)
    {
        var shuffle = await shuffles.GetAsync(jobId, splitKeys);
        if (shuffle.Blocks.Count == 0)
            return new RangePartitioner([]);
        var bytes = new byte[checked((int)shuffle.Blocks[0].Length)];
        await ShuffleBlockReader.ReadAsync(store, shuffle, 0, bytes, cancellationToken);
        return RangePartitioner.FromBytes(bytes);
    }

    private static async Task ReadSplitAsync(InputSplit split, Memory<byte> destination, CancellationToken cancellationToken)
    {
        using var file = File.OpenHandle(split.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var done = 0;
        while (done < destination.Length)
        {
            var read = await RandomAccess.ReadAsync(file, destination[done..], split.Offset + done, cancellationToken);
            if (read == 0)
                throw new InvalidDataException($"{split.Path}: ended at byte {split.Offset + done}, inside split [{split.Offset}, {split.Offset + split.Length}) (file shrank since the job was planned?)");
            done += read;
        }
    }
}
