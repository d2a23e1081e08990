using System.Text;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Grains.Code;
using OrleansFlow.Grains.Execution;

namespace OrleansFlow.Grains.Kernels;

/// <summary>
/// Reduce side of a MapReduce job: reads its partition's blocks from the block store (in batches of a few MiB, the next
/// read while this one is reduced), reduces, and writes <c>part-r-NNNNN.tsv</c> into the output folder. The file appears whole or not at all.
/// </summary>
public sealed class ReduceTaskKernel(ProgramLoader programs, IBlockStoreProvider stores, IGrainFactory grains) : ITaskKernel
{
    public const string KernelName = "mapreduce.reduce";

    public string Name => KernelName;

    public static string PartFileName(int partition) => $"part-r-{partition:D5}.tsv";

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var outputDirectory = task.OutputDirectory ?? throw new ArgumentException($"Reduce task {task.TaskIndex} of job {task.JobId} has no output folder.");
        var program = await programs.LoadMapReduceAsync(task.JobId, task.ProgramType, task.CodeId);
        var partition = grains.GetGrain<IShufflePartitionGrain>(IShufflePartitionGrain.KeyOf(task.JobId, MapTaskKernel.ShuffleName, task.Partition));
        var contents = await partition.GetBlocks();
        if (contents.MapTasks < task.UpstreamTasks)
            throw new ShuffleDataLostException(
                $"shuffle partition {task.Partition} holds the output of {contents.MapTasks} of {task.UpstreamTasks} map tasks (its metadata was on a lost silo)");
        var blocks = contents.Blocks;
        var store = stores.Get(task.Shuffle);

        Directory.CreateDirectory(outputDirectory);
        var finalPath = Path.Combine(outputDirectory, PartFileName(task.Partition));
        var tempPath = $"{finalPath}.attempt-{task.Attempt}.tmp";
        Engine.MapReduce.ReduceOutput result;
        await using (var file = new StreamWriter(tempPath, append: false, new UTF8Encoding(false), bufferSize: 1 << 16))
        {
            result = await Task.Run(() => program.RunReduceAsync(ShuffleBlockReader.ReadAsync(store, blocks, cancellationToken), file, cancellationToken), cancellationToken);
        }
        File.Move(tempPath, finalPath, overwrite: true);
        return new KernelResult(result.RecordsIn, result.RecordsOut, result.BytesIn, new FileInfo(finalPath).Length, [finalPath]);
    }
}
