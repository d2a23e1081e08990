using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Engine.Input;
using OrleansFlow.Grains.Kernels;

namespace OrleansFlow.Grains.Jobs;

/// <summary>MapReduce: a map stage (one task per input split) and a reduce stage (one task per partition).</summary>
public sealed class MapReducePlanner : IJobPlanner
{
    public const long MinSplitBytes = 1 << 20;
    public const long MaxSplitBytes = 64 << 20;

    public string Kind => JobKinds.MapReduce;

    public JobPlan Plan(string jobId, JobSpec spec, ulong accessKey, PlanningContext context)
    {
        var files = InputPlanner.ResolveTextFiles(spec.Inputs);
        var totalBytes = files.Sum(f => f.Length);
        var splitSize = spec.SplitSizeBytes > 0 ? spec.SplitSizeBytes : ChooseSplitSize(totalBytes, context);
        var splits = InputPlanner.Split(files, splitSize);
        var reducers = spec.Reducers > 0 ? spec.Reducers : Math.Max(1, context.LiveSilos * 2);
        var output = spec.OutputDirectory ?? Path.Combine(context.WorkDirectory, "jobs", jobId, "output");

        TaskSpec Task(string stage, int stageIndex, int index, string kernel) => new()
        {
            JobId = jobId, Stage = stage, StageIndex = stageIndex, TaskIndex = index, Kernel = kernel,
            ProgramType = spec.ProgramType, CodeId = spec.CodeId, Shuffle = spec.Shuffle, AccessKey = accessKey,
            Partitions = reducers, OutputDirectory = output, Parameters = spec.Parameters,
        };

        var map = new StagePlan { Name = "map" };
        for (var i = 0; i < splits.Count; i++)
            map.Tasks.Add(Task("map", 0, i, MapTaskKernel.KernelName) with { Split = new InputSplit(splits[i].Path, splits[i].Offset, splits[i].Length) });
        var reduce = new StagePlan { Name = "reduce", DependsOn = [0] };
        for (var p = 0; p < reducers; p++)
            reduce.Tasks.Add(Task("reduce", 1, p, ReduceTaskKernel.KernelName) with { Partition = p, UpstreamTasks = splits.Count });
        return new JobPlan
        {
            Stages = [map, reduce],
            OutputDirectory = output,
            ShuffleKeys = Enumerable.Range(0, reducers).Select(p => Abstractions.Grains.IShufflePartitionGrain.KeyOf(jobId, MapTaskKernel.ShuffleName, p)).ToList(),
        };
    }

    /// <summary>About two waves of map tasks over all slots, within sane bounds.</summary>
    private static long ChooseSplitSize(long totalBytes, PlanningContext context)
    {
        var tasks = Math.Max(1, context.LiveSilos * context.SlotsPerSilo * 2);
        return Math.Clamp(totalBytes / tasks + 1, MinSplitBytes, MaxSplitBytes);
    }
}
