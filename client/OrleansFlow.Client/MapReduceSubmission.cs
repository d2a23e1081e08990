using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Client;

/// <summary>The settings of a MapReduce job submitted through <see cref="FlowClient"/>.</summary>
public sealed record MapReduceSubmission
{
    public required IReadOnlyList<string> Inputs { get; init; }
    /// <summary>Folder for the <c>part-r-NNNNN.tsv</c> files; null lets the cluster choose one.</summary>
    public string? OutputDirectory { get; init; }
    public string? Name { get; init; }
    public string? JobId { get; init; }
    public int Reducers { get; init; }
    public ShuffleStoreKind Shuffle { get; init; } = ShuffleStoreKind.Memory;
    public int MaxTaskAttempts { get; init; } = 3;
    public long SplitSizeBytes { get; init; }
}
