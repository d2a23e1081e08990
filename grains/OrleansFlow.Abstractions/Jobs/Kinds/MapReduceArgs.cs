using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Abstractions.Jobs;

/// <summary>A MapReduce job: a program (built in, or uploaded code) over text inputs.</summary>
[GenerateSerializer, Immutable]
public sealed record MapReduceArgs : JobArgs
{
    public override string Kind => JobKinds.MapReduce;

    /// <summary>Input files or directories, visible to every silo (local disk on one host, or a shared file system).</summary>
    [Id(0)] public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Where reducers write <c>part-r-NNNNN.tsv</c>; null lets the job choose a folder under the silo's work directory.</summary>
    [Id(1)] public string? OutputDirectory { get; init; }

    /// <summary>Number of reduce partitions; 0 lets the job choose (two per live silo).</summary>
    [Id(2)] public int Reducers { get; init; }

    /// <summary>Where intermediate data lives.</summary>
    [Id(3)] public ShuffleStoreKind Shuffle { get; init; } = ShuffleStoreKind.Memory;

    /// <summary>Full name of the program type (a <c>MapReduceJob&lt;TKey,TValue&gt;</c>).</summary>
    [Id(4)] public required string ProgramType { get; init; }

    /// <summary>Id of uploaded user code (<see cref="Grains.ICodeGrain"/>); null when the program is built in.</summary>
    [Id(5)] public string? CodeId { get; init; }

    /// <summary>Input split size in bytes; 0 lets the job choose.</summary>
    [Id(6)] public long SplitSizeBytes { get; init; }

    public override void Validate()
    {
        if (string.IsNullOrWhiteSpace(ProgramType))
            throw new ArgumentException("a MapReduce job names no program type");
        if (Reducers < 0)
            throw new ArgumentException($"reducers must not be negative (was {Reducers})");
        if (SplitSizeBytes < 0)
            throw new ArgumentException($"split size must not be negative (was {SplitSizeBytes})");
    }
}
