using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Engine.Sort;
using OrleansFlow.Fabric.Scheduling;

namespace OrleansFlow.Jobs.Sort;

/// <summary>
/// TeraSort: a sample stage (one task: split keys from a sample of the input), a map stage (one task per split at
/// record boundaries: range-partition into one block per reducer) and a reduce stage (one task per key range: sort,
/// write <c>part-NNNNN</c>; names sort in key order).
/// </summary>
public sealed class SortPlanner : JobPlanner<SortArgs>
{
    public const int MinSampleSize = 10_000;
    public const int MaxSampleSize = 100_000;
    public const long MinSplitBytes = 16L << 20;
    public const long MaxSplitBytes = 128L << 20;
    /// <summary>
    /// Largest key range a reducer should get: it holds its blocks and the sorted copy (2× this) plus 32 bytes per
    /// record, and one buffer may not exceed 2 GB. Above it the default reducer count grows past two per silo.
    /// </summary>
    public const long MaxReducerBytes = 512L << 20;

    public override string Kind => JobKinds.Sort;

    protected override JobPlan Plan(SortArgs args, PlanningContext context)
    {
        var limits = context.Limits;
        limits.CheckSplitSize("--split-size", args.SplitSizeBytes);
        limits.CheckPartitions("--reducers", args.Reducers);
        var files = SortInputs.Resolve(args.Inputs);
        var output = args.OutputDirectory ?? context.DefaultOutputDirectory;
        SortInputs.CheckOutputDirectory(output);
        var totalBytes = files.Sum(f => f.Length);
        var reducers = args.Reducers > 0
            ? args.Reducers
            : (int)Math.Max(2L * Math.Max(1, context.LiveSilos), (totalBytes + MaxReducerBytes - 1) / MaxReducerBytes);
        if (reducers > ushort.MaxValue + 1)
            throw new ArgumentException($"sort job: at most {ushort.MaxValue + 1} reducers (asked for {reducers})");
        limits.CheckPartitions("reducers chosen for the input's size:", reducers);
        var splitSize = RecordAligned(args.SplitSizeBytes > 0
            ? args.SplitSizeBytes
            : Math.Clamp(totalBytes / Math.Max(1, context.LiveSilos * context.SlotsPerSilo * 2) + 1, MinSplitBytes, MaxSplitBytes));

        // Counted before the splits are made, as the map loop below would allocate them all.
        limits.CheckTasks("map", PlanLimits.SplitCount(files.Select(f => f.Length), splitSize), "use a larger --split-size");

        // Each sampled key is a random read, so more keys cost time: 1,000 per reducer within bounds.
        var sampleSize = args.SampleSize > 0 ? args.SampleSize : Math.Clamp(reducers * 1_000, MinSampleSize, MaxSampleSize);
        var sample = new StageBuilder(context, "sample", StageRole.Sample, SortShuffle.SampleStage, args.Shuffle)
            .Add(SortSampleKernel.KernelName, new SortSampleArgs(files.Select(f => f.FullName).ToList(), sampleSize, (ulong)args.Seed, reducers));

        var map = new StageBuilder(context, "map", StageRole.Map, SortShuffle.MapStage, args.Shuffle).DependsOn(SortShuffle.SampleStage);
        foreach (var file in files)
        {
            for (long offset = 0; offset < file.Length; offset += splitSize)
            {
                var split = new InputSplit(file.FullName, offset, Math.Min(splitSize, file.Length - offset));
                map.Add(SortMapKernel.KernelName, new SortMapArgs(split, reducers, SortShuffle.SplitKeys));
            }
        }

        var reduce = new StageBuilder(context, "reduce", StageRole.Reduce, 2, args.Shuffle).DependsOn(SortShuffle.MapStage);
        for (var p = 0; p < reducers; p++)
            reduce.Add(SortReduceKernel.KernelName, new SortReduceArgs(SortShuffle.Records(p, map.Stage.Tasks.Count), reducers, output));
        return new JobPlan
        {
            Stages = [sample.Stage, map.Stage, reduce.Stage],
            OutputDirectory = output,
            ShuffleKeys =
            [
                IShufflePartitionGrain.KeyOf(context.JobId, SortShuffle.SplitKeysName, 0),
                .. Enumerable.Range(0, reducers).Select(p => IShufflePartitionGrain.KeyOf(context.JobId, SortShuffle.RecordsName, p)),
            ],
        };
    }

    private static long RecordAligned(long bytes) => Math.Max(SortRecord.Size, bytes / SortRecord.Size * SortRecord.Size);
}
