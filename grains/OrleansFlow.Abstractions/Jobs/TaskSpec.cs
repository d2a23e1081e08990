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
    /// <summary>Where the job's intermediate data lives.</summary>
    [Id(6)] public ShuffleStoreKind Shuffle { get; init; }
    /// <summary>The job's key to its blocks.</summary>
    [Id(7)] public ulong AccessKey { get; init; }
    /// <summary>What this kernel needs to know, typed by the job kind that planned it.</summary>
    [Id(8)] public required TaskArgs Args { get; init; }

    /// <summary>The task's arguments as the kernel expects them; a mismatch is a planning bug, named here.</summary>
    public T ArgsAs<T>() where T : TaskArgs =>
        Args as T ?? throw new InvalidOperationException(
            $"task {Stage}[{TaskIndex}] of job {JobId} carries {Args.GetType().Name}, kernel {Kernel} expects {typeof(T).Name}");
}

/// <summary>The arguments of one kernel: a sealed record per kernel, declared by the job kind that plans it.</summary>
[GenerateSerializer, Immutable]
public abstract record TaskArgs;

/// <summary>A byte range of one input file.</summary>
[GenerateSerializer, Immutable]
public sealed record InputSplit([property: Id(0)] string Path, [property: Id(1)] long Offset, [property: Id(2)] long Length);

/// <summary>A shuffle a task reads: <see cref="Producers"/> tasks of plan stage <see cref="ProducerStage"/> each
/// registered their blocks for every partition of shuffle <see cref="Name"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record ShuffleInput(
    [property: Id(0)] string Name,
    [property: Id(1)] int Partition,
    [property: Id(2)] int ProducerStage,
    [property: Id(3)] int Producers);
