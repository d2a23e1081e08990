using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Engine.Sort;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.Fabric.Shuffle;

namespace OrleansFlow.Jobs.Sort;

/// <summary>
/// The sort job's first stage: draws keys at random positions of the input, turns them into the reducers' split keys,
/// and leaves those (10 bytes per key) as one small block in the job's store, registered under
/// <see cref="SortShuffle.SplitKeysName"/> so every map task finds it. Descriptors travel in grain calls; bytes do not.
/// </summary>
public sealed class SortSampleKernel(IBlockStoreProvider stores, ShuffleRegistry shuffles) : ITaskKernel
{
    public const string KernelName = "sort.sample";

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var args = task.ArgsAs<SortSampleArgs>();
        var keys = await KeySampler.SampleAsync(args.Files, args.SampleSize, args.Seed, cancellationToken);
        var splitKeys = RangePartitioner.FromSample(keys, args.Partitions).SplitKeyBytes();

        var store = stores.Get(task.Shuffle);
        // One reducer needs no split keys: the task still reports (an empty list), so map tasks can tell "none" from "lost".
        IReadOnlyList<BlockDescriptor> written = [];
        if (splitKeys.Length > 0)
        {
            var block = await store.AllocateAsync(task.JobId, task.AccessKey, splitKeys.Length, cancellationToken);
            await store.WriteAsync(block, 0, splitKeys, cancellationToken);
            written = [block];
        }
        await shuffles.RegisterAsync(task, SortShuffle.SplitKeysName, [written]);
        return new KernelResult(keys.Length, splitKeys.Length / SortRecord.KeySize, (long)keys.Length * SortRecord.KeySize, splitKeys.Length, []);
    }
}
