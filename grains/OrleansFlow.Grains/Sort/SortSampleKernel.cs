using System.Globalization;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Engine.Sort;
using OrleansFlow.Grains.Execution;

namespace OrleansFlow.Grains.Sort;

/// <summary>
/// The sort job's first stage: draws keys at random positions of the input, turns them into the reducers' split keys,
/// and leaves those (10 bytes per key) as one small block in the job's store, registered under
/// <see cref="SortShuffle.SplitKeysName"/> so every map task finds it. Descriptors travel in grain calls; bytes do not.
/// </summary>
public sealed class SortSampleKernel(IBlockStoreProvider stores, IGrainFactory grains) : ITaskKernel
{
    public const string KernelName = "sort.sample";

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var files = task.Parameters.TryGetValue(SortPlanner.FilesParameter, out var list)
            ? list.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            : throw new ArgumentException($"Sample task of job {task.JobId} names no input files.");
        var sampleSize = Parameter(task, SortPlanner.SampleSizeParameter, SortPlanner.MinSampleSize);
        var seed = (ulong)Parameter(task, SortPlanner.SeedParameter, 0);

        var keys = await KeySampler.SampleAsync(files, sampleSize, seed, cancellationToken);
        var splitKeys = RangePartitioner.FromSample(keys, task.Partitions).SplitKeyBytes();

        var store = stores.Get(task.Shuffle);
        // One reducer needs no split keys: the task still reports (an empty list), so map tasks can tell "none" from "lost".
        IReadOnlyList<BlockDescriptor> written = [];
        if (splitKeys.Length > 0)
        {
            var block = await store.AllocateAsync(task.JobId, task.AccessKey, splitKeys.Length, cancellationToken);
            await store.WriteAsync(block, 0, splitKeys, cancellationToken);
            written = [block];
        }
        await SortShuffle.SplitKeys(grains, task.JobId).AddBlocks(0, task.Attempt, written);
        return new KernelResult(keys.Length, splitKeys.Length / SortRecord.KeySize, (long)keys.Length * SortRecord.KeySize, splitKeys.Length, []);
    }

    private static int Parameter(TaskSpec task, string name, int fallback)
    {
        if (!task.Parameters.TryGetValue(name, out var text))
            return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"sort job parameter '{name}' must be a positive whole number (was '{text}')");
    }
}
