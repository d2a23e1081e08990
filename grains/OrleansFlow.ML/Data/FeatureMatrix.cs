namespace OrleansFlow.ML.Data;

/// <summary>
/// A dense, row-major float32 table of features plus one label per row. For classification the label holds the
/// class index (0, 1, ... K-1) as a float; for regression the target value.
/// </summary>
public sealed class FeatureMatrix
{
    public FeatureMatrix(float[] features, float[] labels, int columns, IReadOnlyList<string>? featureNames = null, string labelName = "label")
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (columns <= 0)
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "A feature matrix needs at least one feature column.");
        if (features.Length != (long)labels.Length * columns)
            throw new ArgumentException(
                $"Features hold {features.Length} values but {labels.Length} rows x {columns} columns need {(long)labels.Length * columns}.",
                nameof(features));
        if (featureNames is not null && featureNames.Count != columns)
            throw new ArgumentException($"{featureNames.Count} feature names given for {columns} columns.", nameof(featureNames));
        Features = features;
        Labels = labels;
        Columns = columns;
        FeatureNames = featureNames ?? Enumerable.Range(0, columns).Select(i => $"f{i}").ToArray();
        LabelName = labelName;
    }

    /// <summary>The rows of <paramref name="parts"/> one after another (say, every worker's partition, for a
    /// single-process reference run over the same rows). The parts must have one column count.</summary>
    public static FeatureMatrix Concat(IReadOnlyList<FeatureMatrix> parts, string labelName = "label")
    {
        if (parts.Count == 0)
            throw new ArgumentException("No parts to concatenate.", nameof(parts));
        var columns = parts[0].Columns;
        if (parts.FirstOrDefault(p => p.Columns != columns) is { } other)
            throw new ArgumentException($"Parts have {columns} and {other.Columns} columns.", nameof(parts));
        var features = new float[parts.Sum(m => (long)m.Features.Length)];
        var labels = new float[parts.Sum(m => m.Rows)];
        long featureAt = 0;
        var labelAt = 0;
        foreach (var part in parts)
        {
            part.Features.CopyTo(features, featureAt);
            part.Labels.CopyTo(labels, labelAt);
            featureAt += part.Features.Length;
            labelAt += part.Rows;
        }
        return new FeatureMatrix(features, labels, columns, parts[0].FeatureNames, labelName);
    }

    /// <summary>Row-major: row r occupies [r * Columns, (r + 1) * Columns).</summary>
    public float[] Features { get; }

    public float[] Labels { get; }

    public int Columns { get; }

    public int Rows => Labels.Length;

    public IReadOnlyList<string> FeatureNames { get; }

    public string LabelName { get; }

    public ReadOnlySpan<float> Row(int row) => Features.AsSpan(row * Columns, Columns);

    /// <summary>The whole matrix as one shard.</summary>
    public DataShard AsShard() => Slice(0, Rows);

    /// <summary>Rows [start, start + count) as a shard sharing this matrix's memory.</summary>
    public DataShard Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Rows)
            throw new ArgumentOutOfRangeException(nameof(start), $"Rows [{start}, {start + count}) are outside 0..{Rows}.");
        return new DataShard(Features.AsMemory(start * Columns, count * Columns), Labels.AsMemory(start, count), Columns);
    }

    /// <summary>Splits <paramref name="shardCount"/> near-equal contiguous row ranges (the data-parallel partitions).</summary>
    public DataShard[] Partition(int shardCount)
    {
        if (shardCount <= 0 || shardCount > Rows)
            throw new ArgumentOutOfRangeException(nameof(shardCount), shardCount, $"Cannot split {Rows} rows into {shardCount} shards.");
        var shards = new DataShard[shardCount];
        for (var i = 0; i < shardCount; i++)
        {
            var start = (int)((long)Rows * i / shardCount);
            var end = (int)((long)Rows * (i + 1) / shardCount);
            shards[i] = Slice(start, end - start);
        }
        return shards;
    }

    /// <summary>Copies the given rows, in that order, into a new matrix (shuffles and train/test splits).</summary>
    public FeatureMatrix Gather(ReadOnlySpan<int> rows)
    {
        var features = new float[rows.Length * Columns];
        var labels = new float[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            Row(rows[i]).CopyTo(features.AsSpan(i * Columns, Columns));
            labels[i] = Labels[rows[i]];
        }
        return new FeatureMatrix(features, labels, Columns, FeatureNames, LabelName);
    }

    /// <summary>A seeded random split: the first matrix gets (1 - testFraction) of the rows, the second the rest.</summary>
    public (FeatureMatrix Train, FeatureMatrix Test) SplitTrainTest(double testFraction, int seed)
    {
        if (testFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be strictly between 0 and 1.");
        var order = Enumerable.Range(0, Rows).ToArray();
        new Random(seed).Shuffle(order);
        var testRows = (int)Math.Round(Rows * testFraction);
        return (Gather(order.AsSpan(testRows)), Gather(order.AsSpan(0, testRows)));
    }
}
