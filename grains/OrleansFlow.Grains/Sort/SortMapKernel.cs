using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Engine.Sort;
using OrleansFlow.Grains.Execution;
using OrleansFlow.Grains.Hosting;
using OrleansFlow.Grains.Kernels;
using OrleansFlow.Rdma.Memory;

namespace OrleansFlow.Grains.Sort;

/// <summary>
/// Map side of the sort job: reads one split of records, range-partitions it by the sample task's split keys, writes
/// one block per non-empty key range into the job's store and registers every range (empty ones too) in its shuffle
/// partition grain. With the memory store the records are scattered straight into the blocks' tier memory (one copy
/// fewer than partitioning into a buffer and writing that). Buffers come from the silo's sort buffer pool, which
/// reduce tasks reuse: fresh memory costs far more to touch than reused memory.
/// </summary>
public sealed class SortMapKernel(
    IBlockStoreProvider stores, IGrainFactory grains, SortBufferPool buffers, ILogger<SortMapKernel> logger, IOptions<OrleansFlowOptions> options) : ITaskKernel
{
    public const string KernelName = "sort.map";

    private readonly int _threads = KernelParallelism.PerTask(options.Value);

    public string Name => KernelName;

    // The whole task runs on the thread pool, not on the task worker's turn: it is CPU-bound between its awaits
    // (partitioning or sorting, copies into and out of the tier), and continuations queued back to the activation held
    // scheduler turns of over a second.
    public Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken) =>
        Task.Run(() => RunOnThreadPoolAsync(task, cancellationToken), cancellationToken);

    private async Task<KernelResult> RunOnThreadPoolAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var split = task.Split ?? throw new ArgumentException($"Sort map task {task.TaskIndex} of job {task.JobId} has no input split.");
        var length = checked((int)split.Length);
        SortRecord.CountOf(split.Length, $"{split.Path} at byte {split.Offset}");
        var store = stores.Get(task.Shuffle);
        var partitioner = await LoadPartitionerAsync(store, task, cancellationToken);
        if (partitioner.Partitions != task.Partitions)
            throw new InvalidOperationException($"Job {task.JobId}: the sample task made {partitioner.Partitions} key ranges, the plan {task.Partitions}.");

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
            var blocks = new BlockDescriptor?[task.Partitions];
            var destinations = new Memory<byte>[task.Partitions];
            var staged = new List<int>();
            var stagingUsed = 0;
            for (var p = 0; p < task.Partitions; p++)
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

            var registrations = new List<Task>(task.Partitions);
            for (var p = 0; p < task.Partitions; p++)
            {
                // Empty ranges report too: a reducer checks that every map task has reported.
                IReadOnlyList<BlockDescriptor> written = blocks[p] is { } block ? [block] : [];
                registrations.Add(SortShuffle.Records(grains, task.JobId, p).AddBlocks(task.TaskIndex, task.Attempt, written));
            }
            await Task.WhenAll(registrations);
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

    private async Task<RangePartitioner> LoadPartitionerAsync(IBlockStore store, TaskSpec task, CancellationToken cancellationToken)
    {
        var contents = await SortShuffle.SplitKeys(grains, task.JobId).GetBlocks();
        if (contents.MapTasks < 1)
            throw new ShuffleDataLostException($"the split keys of job {task.JobId} are not registered (their metadata was on a lost silo)");
        if (contents.Blocks.Count == 0)
            return new RangePartitioner([]);
        var block = contents.Blocks[0];
        var bytes = new byte[checked((int)block.Length)];
        await SortShuffle.ReadAsync(store, block, bytes, cancellationToken);
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
