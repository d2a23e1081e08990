namespace OrleansFlow.ML.Data;

/// <summary>
/// A contiguous block of rows a worker computes a gradient on. Memory rather than arrays so the fabric can back a
/// shard with a cached Arrow buffer from the memory tier without copying.
/// </summary>
public readonly struct DataShard
{
    public DataShard(ReadOnlyMemory<float> features, ReadOnlyMemory<float> labels, int columns)
    {
        if (columns <= 0)
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "A shard needs at least one feature column.");
        if (features.Length != (long)labels.Length * columns)
            throw new ArgumentException(
                $"Shard features hold {features.Length} values but {labels.Length} rows x {columns} columns need {(long)labels.Length * columns}.",
                nameof(features));
        Features = features;
        Labels = labels;
        Columns = columns;
    }

    /// <summary>Row-major, Rows x Columns.</summary>
    public ReadOnlyMemory<float> Features { get; }

    public ReadOnlyMemory<float> Labels { get; }

    public int Columns { get; }

    public int Rows => Labels.Length;

    public DataShard Slice(int start, int count) =>
        new(Features.Slice(start * Columns, count * Columns), Labels.Slice(start, count), Columns);
}
