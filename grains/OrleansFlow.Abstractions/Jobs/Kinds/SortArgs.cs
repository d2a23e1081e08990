using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Abstractions.Jobs;

/// <summary>A TeraSort job over 100-byte records: <c>part-NNNNN</c> files in key order.</summary>
[GenerateSerializer, Immutable]
public sealed record SortArgs : JobArgs
{
    public override string Kind => JobKinds.Sort;

    /// <summary>Record files, or directories whose data files are taken in name order.</summary>
    [Id(0)] public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>An empty or new folder for the sorted files; null lets the job choose one under the silo's work directory.</summary>
    [Id(1)] public string? OutputDirectory { get; init; }

    /// <summary>Key ranges (reduce tasks); 0 lets the job choose.</summary>
    [Id(2)] public int Reducers { get; init; }

    [Id(3)] public ShuffleStoreKind Shuffle { get; init; } = ShuffleStoreKind.Memory;

    /// <summary>Map split size in bytes (rounded to whole records); 0 lets the job choose.</summary>
    [Id(4)] public long SplitSizeBytes { get; init; }

    /// <summary>Keys the sample task draws; 0 lets the job choose (1,000 per reducer within bounds).</summary>
    [Id(5)] public int SampleSize { get; init; }

    /// <summary>The sampler's seed.</summary>
    [Id(6)] public int Seed { get; init; }

    public override void Validate()
    {
        if (Reducers < 0)
            throw new ArgumentException($"reducers must not be negative (was {Reducers})");
        if (SampleSize < 0)
            throw new ArgumentException($"sort job parameter 'sample-size' must be a positive whole number (was '{SampleSize}')");
        if (Seed < 0)
            throw new ArgumentException($"sort job parameter 'seed' must be a positive whole number (was '{Seed}')");
    }
}
