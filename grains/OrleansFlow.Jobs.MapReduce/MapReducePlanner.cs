using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Engine.Input;
using OrleansFlow.Fabric.Scheduling;

namespace OrleansFlow.Jobs.MapReduce;

/// <summary>MapReduce: a map stage (one task per input split) and a reduce stage (one task per partition).</summary>
public sealed class MapReducePlanner : JobPlanner<MapReduceArgs>
{
    public const long MinSplitBytes = 1 << 20;
    public const long MaxSplitBytes = 64 << 20;

    public override string Kind => JobKinds.MapReduce;

    protected override JobPlan Plan(MapReduceArgs args, PlanningContext context)
    {
        var limits = context.Limits;
        limits.CheckSplitSize("--split-size", args.SplitSizeBytes);
        limits.CheckPartitions("--reducers", args.Reducers);
        var files = InputPlanner.ResolveTextFiles(args.Inputs);
        var totalBytes = files.Sum(f => f.Length);
        var splitSize = args.SplitSizeBytes > 0 ? args.SplitSizeBytes : ChooseSplitSize(totalBytes, context);
        // Counted before the splits are made: --split-size 1 on 4.4 MB would otherwise allocate 4.6 M of them.
        limits.CheckTasks("map", PlanLimits.SplitCount(files.Select(f => f.Length), splitSize), "use a larger --split-size");
        var splits = InputPlanner.Split(files, splitSize);
        var reducers = args.Reducers > 0 ? args.Reducers : Math.Max(1, context.LiveSilos * 2);
        var output = args.OutputDirectory ?? context.DefaultOutputDirectory;

        var map = new StageBuilder(context, "map", StageRole.Map, 0, args.Shuffle);
        foreach (var split in splits)
            map.Add(MapTaskKernel.KernelName, new MapTaskArgs(args.ProgramType, args.CodeId, new InputSplit(split.Path, split.Offset, split.Length), reducers));
        var reduce = new StageBuilder(context, "reduce", StageRole.Reduce, 1, args.Shuffle).DependsOn(0);
        for (var p = 0; p < reducers; p++)
            reduce.Add(ReduceTaskKernel.KernelName, new ReduceTaskArgs(args.ProgramType, args.CodeId,
                new ShuffleInput(MapTaskKernel.ShuffleName, p, ProducerStage: 0, Producers: splits.Count), output));
        return new JobPlan
        {
            Stages = [map.Stage, reduce.Stage],
            OutputDirectory = output,
            ShuffleKeys = Enumerable.Range(0, reducers).Select(p => IShufflePartitionGrain.KeyOf(context.JobId, MapTaskKernel.ShuffleName, p)).ToList(),
        };
    }

    /// <summary>About two waves of map tasks over all slots, within sane bounds.</summary>
    private static long ChooseSplitSize(long totalBytes, PlanningContext context)
    {
        var tasks = Math.Max(1, context.LiveSilos * context.SlotsPerSilo * 2);
        return Math.Clamp(totalBytes / tasks + 1, MinSplitBytes, MaxSplitBytes);
    }
}
