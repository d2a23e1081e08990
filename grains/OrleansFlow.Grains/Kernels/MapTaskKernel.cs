using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Engine.Input;
using OrleansFlow.Grains.Code;
using OrleansFlow.Grains.Execution;

namespace OrleansFlow.Grains.Kernels;

/// <summary>
/// Map side of a MapReduce job: maps one input split, writes one block per reduce partition into the job's block
/// store (this silo's part of it), and records the blocks' descriptors in the shuffle partition grains.
/// </summary>
public sealed class MapTaskKernel(ProgramLoader programs, IBlockStoreProvider stores, IGrainFactory grains) : ITaskKernel
{
    public const string KernelName = "mapreduce.map";
    public const string ShuffleName = "shuffle-0";

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var split = task.Split ?? throw new ArgumentException($"Map task {task.TaskIndex} of job {task.JobId} has no input split.");
        var program = await programs.LoadMapReduceAsync(task.JobId, task.ProgramType, task.CodeId);
        // CPU-bound: run off the grain's turn so the silo keeps serving other calls.
        var output = await Task.Run(() => program.RunMap(new TextSplit(split.Path, split.Offset, split.Length), task.Partitions, cancellationToken), cancellationToken);

        var store = stores.Get(task.Shuffle);
        var registrations = new List<Task>();
        long bytesOut = 0;
        for (var p = 0; p < output.Blocks.Length; p++)
        {
            IReadOnlyList<BlockDescriptor> written = [];
            if (output.Blocks[p] is { } bytes)
            {
                var block = await store.AllocateAsync(task.JobId, task.AccessKey, bytes.Length, cancellationToken);
                await store.WriteAsync(block, 0, bytes, cancellationToken);
                bytesOut += bytes.Length;
                written = [block];
            }
            // Empty partitions report too: the reducer checks that every map task has reported.
            var partition = grains.GetGrain<IShufflePartitionGrain>(IShufflePartitionGrain.KeyOf(task.JobId, ShuffleName, p));
            registrations.Add(partition.AddBlocks(task.TaskIndex, task.Attempt, written));
        }
        await Task.WhenAll(registrations);
        return new KernelResult(output.RecordsIn, output.RecordsOut, output.BytesIn, bytesOut, []);
    }
}
