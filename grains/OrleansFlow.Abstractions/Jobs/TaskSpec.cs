using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Abstractions.Jobs;

/// <summary>One task of one stage: what a task worker runs. Carries references, never bulk data.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskSpec
{
    [Id(0)] public required string JobId { get; init; }
    [Id(1)] public required string Stage { get; init; }
    [Id(2)] public int StageIndex { get; init; }
    [Id(3)] public int TaskIndex { get; init; }
    [Id(4)] public int Attempt { get; init; }
    /// <summary>The kernel that runs this task on the worker, e.g. <c>mapreduce.map</c>.</summary>
    [Id(5)] public required string Kernel { get; init; }
    [Id(6)] public string? ProgramType { get; init; }
    [Id(7)] public string? CodeId { get; init; }
    [Id(8)] public ShuffleStoreKind Shuffle { get; init; }
    [Id(9)] public ulong AccessKey { get; init; }
    /// <summary>Input split: a file and a byte range (map tasks).</summary>
    [Id(10)] public InputSplit? Split { get; init; }
    /// <summary>How many partitions the stage's output is cut into (map) or which partition to read (reduce).</summary>
    [Id(11)] public int Partitions { get; init; }
    [Id(12)] public int Partition { get; init; }
    [Id(13)] public string? OutputDirectory { get; init; }
    [Id(14)] public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>How many tasks of the upstream stage feed this task's shuffle partition (reduce tasks).</summary>
    [Id(15)] public int UpstreamTasks { get; init; }
}

/// <summary>A byte range of one input file.</summary>
[GenerateSerializer, Immutable]
public sealed record InputSplit([property: Id(0)] string Path, [property: Id(1)] long Offset, [property: Id(2)] long Length);
