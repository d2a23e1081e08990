using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Client;

/// <summary>The settings of a SQL query submitted through <see cref="FlowClient.SubmitSqlAsync"/>.</summary>
public sealed record SqlSubmission
{
    public required string Query { get; init; }
    /// <summary>The catalog: one table per sub-folder, <c>DIR/&lt;table&gt;/*.parquet</c> (also <c>.arrow</c>, <c>.csv</c>).
    /// Every silo must see this folder at the same path.</summary>
    public required string DataDirectory { get; init; }
    /// <summary>Folder for <c>result.csv</c>, <c>result.json</c> and <c>result.txt</c>; null lets the cluster choose one.</summary>
    public string? OutputDirectory { get; init; }
    public string? Name { get; init; }
    public string? JobId { get; init; }
    /// <summary>Partitions of every exchange; 0 = one per task slot of the live silos.</summary>
    public int Partitions { get; init; }
    /// <summary>Tables estimated below this many rows are broadcast to every join task instead of repartitioned;
    /// null keeps the engine's default.</summary>
    public long? BroadcastRowLimit { get; init; }
    /// <summary>Where exchanges between stages keep their blocks.</summary>
    public ShuffleStoreKind Shuffle { get; init; } = ShuffleStoreKind.Memory;
}
