using System.Text;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.Fabric.Shuffle;

namespace OrleansFlow.Jobs.MapReduce;

/// <summary>
/// Reduce side of a MapReduce job: reads its partition's blocks from the block store (in batches of a few MiB, the next
/// read while this one is reduced), reduces, and writes <c>part-r-NNNNN.tsv</c> into the output folder. The file appears whole or not at all.
/// </summary>
public sealed class ReduceTaskKernel(MapReducePrograms programs, IBlockStoreProvider stores, ShuffleRegistry shuffles) : ITaskKernel
{
    public const string KernelName = "mapreduce.reduce";

    public string Name => KernelName;

    public static string PartFileName(int partition) => $"part-r-{partition:D5}.tsv";

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var args = task.ArgsAs<ReduceTaskArgs>();
        var program = await programs.LoadAsync(task.JobId, args.ProgramType, args.CodeId);
        var blocks = await shuffles.GetAsync(task.JobId, args.Input);
        var store = stores.Get(task.Shuffle);

        Directory.CreateDirectory(args.OutputDirectory);
        var finalPath = Path.Combine(args.OutputDirectory, PartFileName(args.Input.Partition));
        var tempPath = $"{finalPath}.attempt-{task.Attempt}.tmp";
        Engine.MapReduce.ReduceOutput result;
        await using (var file = new StreamWriter(tempPath, append: false, new UTF8Encoding(false), bufferSize: 1 << 16))
        {
            result = await program.RunReduceAsync(ShuffleBlockReader.ReadBatchedAsync(store, blocks, cancellationToken), file, cancellationToken);
        }
        File.Move(tempPath, finalPath, overwrite: true);
        return new KernelResult(result.RecordsIn, result.RecordsOut, result.BytesIn, new FileInfo(finalPath).Length, [finalPath]);
    }
}
