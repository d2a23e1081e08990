using System.Buffers;
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
/// Reduce side of the sort job: fetches every block of its key range into one pooled buffer (a few reads at a time),
/// sorts them and writes <c>part-NNNNN</c> into the output folder. The file appears whole or not at all: it is
/// written under a hidden name (skipped by valsort) and renamed.
/// </summary>
public sealed class SortReduceKernel(IBlockStoreProvider stores, IGrainFactory grains, ILogger<SortReduceKernel> logger, IOptions<OrleansFlowOptions> options) : ITaskKernel
{
    public const string KernelName = "sort.reduce";

    /// <summary>Block reads in flight per reducer: enough to overlap transfers, few enough to keep sockets calm.</summary>
    private const int ConcurrentReads = 4;

    private readonly int _threads = KernelParallelism.PerTask(options.Value);

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var outputDirectory = task.OutputDirectory ?? throw new ArgumentException($"Sort reduce task {task.TaskIndex} of job {task.JobId} has no output folder.");
        var contents = await SortShuffle.Records(grains, task.JobId, task.Partition).GetBlocks();
        if (contents.MapTasks < task.UpstreamTasks)
            throw new ShuffleDataLostException(
                $"sort range {task.Partition} holds the output of {contents.MapTasks} of {task.UpstreamTasks} map tasks (its metadata was on a lost silo)");
        var blocks = contents.Blocks;
        long total = 0;
        foreach (var block in blocks)
            total += block.Length;
        if (total > Array.MaxLength)
            throw new InvalidOperationException(
                $"sort range {task.Partition} of job {task.JobId} is {total} bytes; a reducer holds at most {Array.MaxLength}. Use more reducers.");

        var store = stores.Get(task.Shuffle);
        var fileName = RecordFiles.PartitionFileName(task.Partition, task.Partitions);
        var finalPath = Path.Combine(outputDirectory, fileName);
        var tempPath = Path.Combine(outputDirectory, $".{fileName}.attempt-{task.Attempt}.tmp");
        var buffer = ArrayPool<byte>.Shared.Rent((int)total);
        try
        {
            var slices = new ReadOnlyMemory<byte>[blocks.Count];
            var offsets = new int[blocks.Count];
            var offset = 0;
            for (var b = 0; b < blocks.Count; b++)
            {
                offsets[b] = offset;
                slices[b] = buffer.AsMemory(offset, (int)blocks[b].Length);
                offset += (int)blocks[b].Length;
            }
            var clock = Stopwatch.StartNew();
            await Parallel.ForAsync(0, blocks.Count, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentReads, CancellationToken = cancellationToken },
                async (b, ct) => await SortShuffle.ReadAsync(store, blocks[b], buffer.AsMemory(offsets[b], (int)blocks[b].Length), ct));

            var read = clock.Elapsed;
            Directory.CreateDirectory(outputDirectory);
            // CPU-bound sort off the grain's turn.
            var records = await Task.Run(() => SortedFileWriter.SortToFileAsync(slices, tempPath, _threads, cancellationToken), cancellationToken);
            File.Move(tempPath, finalPath, overwrite: true);
            logger.LogInformation("Sort reduce {Job}/{Partition}: {Bytes} bytes in {Blocks} blocks read in {Read:0.000} s, sorted and written in {Sort:0.000} s",
                task.JobId, task.Partition, total, blocks.Count, read.TotalSeconds, (clock.Elapsed - read).TotalSeconds);
            return new KernelResult(records, records, total, total, [finalPath]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (File.Exists(tempPath))
                File.Delete(tempPath);
        }
    }
}
