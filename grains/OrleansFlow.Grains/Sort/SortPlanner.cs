using System.Globalization;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Engine.Sort;
using OrleansFlow.Grains.Jobs;

namespace OrleansFlow.Grains.Sort;

/// <summary>
/// TeraSort: a sample stage (one task: split keys from a sample of the input), a map stage (one task per split at
/// record boundaries: range-partition into one block per reducer) and a reduce stage (one task per key range: sort,
/// write <c>part-NNNNN</c>; names sort in key order).
/// </summary>
public sealed class SortPlanner : IJobPlanner
{
    /// <summary>Parameter: how many keys the sample task draws (default: 1,000 per reducer, within
    /// [<see cref="MinSampleSize"/>, <see cref="MaxSampleSize"/>]; each key is a random read, so more costs time).</summary>
    public const string SampleSizeParameter = "sample-size";
    /// <summary>Parameter: the sampler's seed (default 0).</summary>
    public const string SeedParameter = "seed";
    /// <summary>Task parameter of the sample task: the input files, one per line.</summary>
    internal const string FilesParameter = "files";

    public const int MinSampleSize = 10_000;
    public const int MaxSampleSize = 100_000;
    public const long MinSplitBytes = 16L << 20;
    public const long MaxSplitBytes = 128L << 20;
    /// <summary>
    /// Largest key range a reducer should get: it holds its blocks and the sorted copy (2× this) plus 32 bytes per
    /// record, and one buffer may not exceed 2 GB. Above it the default reducer count grows past two per silo.
    /// </summary>
    public const long MaxReducerBytes = 512L << 20;

    public string Kind => JobKinds.Sort;

    public JobPlan Plan(string jobId, JobSpec spec, ulong accessKey, PlanningContext context)
    {
        var files = SortInputs.Resolve(spec.Inputs);
        var output = spec.OutputDirectory ?? Path.Combine(context.WorkDirectory, "jobs", jobId, "output");
        SortInputs.CheckOutputDirectory(output);
        var totalBytes = files.Sum(f => f.Length);
        var reducers = spec.Reducers > 0
            ? spec.Reducers
            : (int)Math.Max(2L * Math.Max(1, context.LiveSilos), (totalBytes + MaxReducerBytes - 1) / MaxReducerBytes);
        if (reducers > ushort.MaxValue + 1)
            throw new ArgumentException($"sort job: at most {ushort.MaxValue + 1} reducers (asked for {reducers})");
        var splitSize = RecordAligned(spec.SplitSizeBytes > 0
            ? spec.SplitSizeBytes
            : Math.Clamp(totalBytes / Math.Max(1, context.LiveSilos * context.SlotsPerSilo * 2) + 1, MinSplitBytes, MaxSplitBytes));

        TaskSpec Task(string stage, int stageIndex, int index, string kernel) => new()
        {
            JobId = jobId, Stage = stage, StageIndex = stageIndex, TaskIndex = index, Kernel = kernel,
            Shuffle = spec.Shuffle, AccessKey = accessKey, Partitions = reducers, OutputDirectory = output,
            Parameters = spec.Parameters,
        };

        var sampleParameters = new Dictionary<string, string>(spec.Parameters)
        {
            [SampleSizeParameter] = spec.Parameters.GetValueOrDefault(SampleSizeParameter)
                ?? Math.Clamp(reducers * 1_000, MinSampleSize, MaxSampleSize).ToString(CultureInfo.InvariantCulture),
            [FilesParameter] = string.Join('\n', files.Select(f => f.FullName)),
        };
        var sample = new StagePlan { Name = "sample" };
        sample.Tasks.Add(Task("sample", 0, 0, SortSampleKernel.KernelName) with { Parameters = sampleParameters });

        var map = new StagePlan { Name = "map", DependsOn = [0] };
        foreach (var file in files)
        {
            for (long offset = 0; offset < file.Length; offset += splitSize)
            {
                var split = new InputSplit(file.FullName, offset, Math.Min(splitSize, file.Length - offset));
                map.Tasks.Add(Task("map", 1, map.Tasks.Count, SortMapKernel.KernelName) with { Split = split });
            }
        }

        var reduce = new StagePlan { Name = "reduce", DependsOn = [1] };
        for (var p = 0; p < reducers; p++)
            reduce.Tasks.Add(Task("reduce", 2, p, SortReduceKernel.KernelName) with { Partition = p, UpstreamTasks = map.Tasks.Count });
        return new JobPlan { Stages = [sample, map, reduce], OutputDirectory = output };
    }

    private static long RecordAligned(long bytes) => Math.Max(SortRecord.Size, bytes / SortRecord.Size * SortRecord.Size);
}
