using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Engine.Sort;
using OrleansFlow.Grains.Execution;
using OrleansFlow.Grains.Hosting;
using OrleansFlow.Grains.Kernels;

namespace OrleansFlow.Grains.Sort;

/// <summary>
/// Map side of the sort job: reads one split of records, range-partitions it by the sample task's split keys, writes
/// one block per non-empty key range into the job's store and registers every range (empty ones too) in its shuffle
/// partition grain. Both buffers come from the silo's sort buffer pool, which reduce tasks reuse: fresh memory costs
/// far more to touch than reused memory.
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
        var grouped = buffers.Rent(length);
        var bucketStarts = new int[task.Partitions + 1];
        try
        {
            var clock = Stopwatch.StartNew();
            await ReadSplitAsync(split, input.AsMemory(0, length), cancellationToken);
            RecordPartitioner.Partition(input.AsMemory(0, length), partitioner, grouped.AsMemory(0, length), bucketStarts, _threads);

            var partitioned = clock.Elapsed;
            var registrations = new List<Task>(task.Partitions);
            for (var p = 0; p < task.Partitions; p++)
            {
                IReadOnlyList<BlockDescriptor> written = [];
                var bytes = grouped.AsMemory(bucketStarts[p] * SortRecord.Size, (bucketStarts[p + 1] - bucketStarts[p]) * SortRecord.Size);
                if (bytes.Length > 0)
                {
                    var block = await store.AllocateAsync(task.JobId, task.AccessKey, bytes.Length, cancellationToken);
                    await store.WriteAsync(block, 0, bytes, cancellationToken);
                    written = [block];
                }
                // Empty ranges report too: a reducer checks that every map task has reported.
                registrations.Add(SortShuffle.Records(grains, task.JobId, p).AddBlocks(task.TaskIndex, task.Attempt, written));
            }
            await Task.WhenAll(registrations);
            logger.LogInformation("Sort map {Job}/{Task}: {Bytes} bytes read and partitioned in {Partition:0.000} s, written to the store in {Write:0.000} s",
                task.JobId, task.TaskIndex, length, partitioned.TotalSeconds, (clock.Elapsed - partitioned).TotalSeconds);
        }
        finally
        {
            buffers.Return(grouped);
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
