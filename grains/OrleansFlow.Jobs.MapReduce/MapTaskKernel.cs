using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Engine.Input;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.Fabric.Shuffle;

namespace OrleansFlow.Jobs.MapReduce;

/// <summary>
/// Map side of a MapReduce job: maps one input split, writes one block per reduce partition into the job's block
/// store (this silo's part of it), and records the blocks' descriptors in the shuffle partition grains.
/// </summary>
public sealed class MapTaskKernel(MapReducePrograms programs, IBlockStoreProvider stores, ShuffleRegistry shuffles) : ITaskKernel
{
    public const string KernelName = "mapreduce.map";
    public const string ShuffleName = "shuffle-0";

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var args = task.ArgsAs<MapTaskArgs>();
        var program = await programs.LoadAsync(task.JobId, args.ProgramType, args.CodeId);
        var output = program.RunMap(new TextSplit(args.Split.Path, args.Split.Offset, args.Split.Length), args.Partitions, cancellationToken);

        var store = stores.Get(task.Shuffle);
        var written = new IReadOnlyList<BlockDescriptor>?[output.Blocks.Length];
        long bytesOut = 0;
        for (var p = 0; p < output.Blocks.Length; p++)
        {
            if (output.Blocks[p] is not { } bytes)
                continue;
            var block = await store.AllocateAsync(task.JobId, task.AccessKey, bytes.Length, cancellationToken);
            await store.WriteAsync(block, 0, bytes, cancellationToken);
            bytesOut += bytes.Length;
            written[p] = [block];
        }
        await shuffles.RegisterAsync(task, ShuffleName, written);
        return new KernelResult(output.RecordsIn, output.RecordsOut, output.BytesIn, bytesOut, []);
    }
}
