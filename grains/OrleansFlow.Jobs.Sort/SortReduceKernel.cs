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
/// Reduce side of the sort job: takes every block of its key range (in place when it is in the DRAM tier of this silo
/// or of another on the same host, otherwise read into the silo's pooled sort buffers, a few reads at a time), sorts
/// them and writes <c>part-NNNNN</c> into the output folder. The file appears whole or not at all: it is written under
/// a hidden name (skipped by valsort) and renamed.
/// </summary>
public sealed class SortReduceKernel(
    IBlockStoreProvider stores, ShuffleRegistry shuffles, SortBufferPool buffers, ILogger<SortReduceKernel> logger, IOptions<OrleansFlowOptions> options) : ITaskKernel
{
    public const string KernelName = "sort.reduce";

    /// <summary>Block reads in flight per reducer: enough to overlap transfers, few enough to keep sockets calm.</summary>
    private const int ConcurrentReads = 4;

    private readonly int _threads = KernelParallelism.PerTask(options.Value);

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var args = task.ArgsAs<SortReduceArgs>();
        var outputDirectory = args.OutputDirectory;
        var partition = args.Input.Partition;
        var shuffle = await shuffles.GetAsync(task.JobId, args.Input);
        var blocks = shuffle.Blocks;
        long total = 0;
        foreach (var block in blocks)
            total += block.Length;
        if (total > Array.MaxLength)
            throw new InvalidOperationException(
                $"sort range {partition} of job {task.JobId} is {total} bytes; a reducer holds at most {Array.MaxLength}. Use more reducers.");

        var store = stores.Get(task.Shuffle);
        var fileName = RecordFiles.PartitionFileName(partition, args.Partitions);
        var finalPath = Path.Combine(outputDirectory, fileName);
        var tempPath = Path.Combine(outputDirectory, $".{fileName}.attempt-{task.Attempt}.tmp");
        var chunks = new List<byte[]>();
        var views = new List<PeerBlockView>();
        try
        {
            var clock = Stopwatch.StartNew();
            var (inputs, fetched) = await FetchAsync(store, shuffle, chunks, views, cancellationToken);
            var read = clock.Elapsed;
            Directory.CreateDirectory(outputDirectory);
            // The sort's entries, too, in a reused chunk when they fit one (else the sorter pools its own).
            var workspaceBytes = RecordSorter.WorkspaceBytes(total / SortRecord.Size);
            var workspace = workspaceBytes <= SortBufferPool.ChunkBytes ? buffers.Rent((int)workspaceBytes) : null;
            if (workspace is not null)
                chunks.Add(workspace);
            var cpu = Environment.CpuUsage.TotalTime;
            // On a thread of its own, not a pool thread: the sort holds its thread for the whole range (≈ 0.5 s per
            // 250 MB), and while a silo's reducers held the pool's active threads, grain calls to this silo (other
            // reducers asking a shuffle partition for its blocks) waited for the pool to add a thread, ≈ 0.5 s. The task's
            // own scheduler starts that thread, so the task's CPU meter counts it.
            var sorted = await Task.Factory.StartNew(
                () => SortedFileWriter.SortToFile(inputs, tempPath, _threads, cancellationToken, workspace),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Current);
            foreach (var view in views)
            {
                // Freed by its owner while we sorted (the job ended or was cancelled): what we read may be other bytes.
                if (!view.IsIntact)
                    throw new ShuffleDataLostException($"a shuffle block of sort range {partition} was freed by its owner while the reducer read it in place");
            }
            File.Move(tempPath, finalPath, overwrite: true);
            logger.LogInformation("Sort reduce {Job}/{Partition}: {Bytes} bytes in {Blocks} blocks ({Fetched} bytes copied, the rest read in place) fetched in {Read:0.000} s, sorted and written in {Sort:0.000} s (file writes {Write:0.000} s; silo CPU meanwhile {Cpu:0.000} s)",
                task.JobId, partition, total, blocks.Count, fetched, read.TotalSeconds, (clock.Elapsed - read).TotalSeconds, sorted.Writing.TotalSeconds,
                (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
            return new KernelResult(sorted.Records, sorted.Records, total, total, [finalPath]);
        }
        finally
        {
            foreach (var view in views)
                view.Dispose();
            foreach (var chunk in chunks)
                buffers.Return(chunk);
            if (File.Exists(tempPath))
                File.Delete(tempPath);
        }
    }

    /// <summary>
    /// The bytes of every block: blocks in this silo's DRAM tier, or in another silo's on this host (its shared region
    /// mapped here), are used where they lie (no copy); the others are read, a few at a time, into pooled chunks
    /// (packed, several blocks per chunk). Returns the blocks' memory in block order and the bytes copied; the chunks
    /// and views taken are added to <paramref name="chunks"/> and <paramref name="views"/>.
    /// </summary>
    private async Task<(ReadOnlyMemory<byte>[] Inputs, long Fetched)> FetchAsync(
        IBlockStore store, ShuffleBlocks shuffle, List<byte[]> chunks, List<PeerBlockView> views, CancellationToken cancellationToken)
    {
        var blocks = shuffle.Blocks;
        var inputs = new ReadOnlyMemory<byte>[blocks.Count];
        var reads = new List<(int Index, Memory<byte> Destination)>();
        byte[]? chunk = null;
        var used = 0;
        long fetched = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var length = (int)blocks[b].Length;
            if (store is MemoryBlockStore memory)
            {
                if (memory.TryGetLocalMemory(blocks[b], out var local))
                {
                    inputs[b] = local;
                    continue;
                }
                if (TryViewPeerBlock(memory, shuffle, b) is { } view)
                {
                    views.Add(view);
                    inputs[b] = view.Memory;
                    continue;
                }
            }
            if (chunk is null || chunk.Length - used < length)
            {
                chunk = buffers.Rent(length);
                chunks.Add(chunk);
                used = 0;
            }
            var destination = chunk.AsMemory(used, length);
            used += length;
            fetched += length;
            inputs[b] = destination;
            reads.Add((b, destination));
        }
        await Parallel.ForEachAsync(reads, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentReads, CancellationToken = cancellationToken },
            async (read, ct) => await ShuffleBlockReader.ReadAsync(store, shuffle, read.Index, read.Destination, ct));
        return (inputs, fetched);
    }

    private static PeerBlockView? TryViewPeerBlock(MemoryBlockStore memory, ShuffleBlocks shuffle, int index)
    {
        try
        {
            return memory.TryViewPeerMemory(shuffle.Blocks[index], out var view) ? view : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw shuffle.Lost(index, index + 1, e);
        }
    }
}
