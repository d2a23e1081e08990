using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Jobs.Sort;

/// <summary>The sample task: draws <see cref="SampleSize"/> keys from the input files and cuts <see cref="Partitions"/> key ranges.</summary>
[GenerateSerializer, Immutable]
public sealed record SortSampleArgs(
    [property: Id(0)] IReadOnlyList<string> Files,
    [property: Id(1)] int SampleSize,
    [property: Id(2)] ulong Seed,
    [property: Id(3)] int Partitions) : TaskArgs;

/// <summary>A map task: range-partitions one split by the sample task's split keys.</summary>
[GenerateSerializer, Immutable]
public sealed record SortMapArgs(
    [property: Id(0)] InputSplit Split,
    [property: Id(1)] int Partitions,
    [property: Id(2)] ShuffleInput SplitKeys) : TaskArgs;

/// <summary>A reduce task: sorts one key range into <c>part-NNNNN</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record SortReduceArgs(
    [property: Id(0)] ShuffleInput Input,
    [property: Id(1)] int Partitions,
    [property: Id(2)] string OutputDirectory) : TaskArgs;
