using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Abstractions.Jobs;

/// <summary>A SQL query over <c>DataDirectory/&lt;table&gt;/*.parquet</c> (or .arrow, .csv); the result goes to the output folder.</summary>
[GenerateSerializer, Immutable]
public sealed record SqlArgs : JobArgs
{
    public override string Kind => JobKinds.Sql;

    [Id(0)] public required string Query { get; init; }

    /// <summary>A folder with one sub-folder per table, visible to every silo.</summary>
    [Id(1)] public required string DataDirectory { get; init; }

    /// <summary>Where the result stage writes <c>result.csv</c>, <c>result.json</c> and <c>result.txt</c>; null: a folder under the silo's work directory.</summary>
    [Id(2)] public string? OutputDirectory { get; init; }

    /// <summary>Tasks per repartitioned stage; 0 lets the job choose (the live silos' slots).</summary>
    [Id(3)] public int Partitions { get; init; }

    /// <summary>Tables estimated below this many rows are broadcast instead of repartitioned; null: the engine's default.</summary>
    [Id(4)] public double? BroadcastRowLimit { get; init; }

    [Id(5)] public ShuffleStoreKind Shuffle { get; init; } = ShuffleStoreKind.Memory;

    public override void Validate()
    {
        if (string.IsNullOrWhiteSpace(Query))
            throw new ArgumentException("a SQL job has no query");
        if (string.IsNullOrWhiteSpace(DataDirectory))
            throw new ArgumentException("a SQL job names no data folder");
        if (Partitions < 0)
            throw new ArgumentException($"partitions must not be negative (was {Partitions})");
    }
}
