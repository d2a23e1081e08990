using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Jobs.MapReduce;

/// <summary>A map task: one input split, cut into <see cref="Partitions"/> reduce partitions.</summary>
[GenerateSerializer, Immutable]
public sealed record MapTaskArgs(
    [property: Id(0)] string ProgramType,
    [property: Id(1)] string? CodeId,
    [property: Id(2)] InputSplit Split,
    [property: Id(3)] int Partitions) : TaskArgs;

/// <summary>A reduce task: one shuffle partition in, one part file out.</summary>
[GenerateSerializer, Immutable]
public sealed record ReduceTaskArgs(
    [property: Id(0)] string ProgramType,
    [property: Id(1)] string? CodeId,
    [property: Id(2)] ShuffleInput Input,
    [property: Id(3)] string OutputDirectory) : TaskArgs;
