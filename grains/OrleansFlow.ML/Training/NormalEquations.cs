using System.Numerics.Tensors;
using OrleansFlow.ML.Data;
using OrleansFlow.ML.Kernels;

namespace OrleansFlow.ML.Training;

/// <summary>
/// Closed-form least squares. Accumulates, in double, the Gram matrix of the augmented rows [x, 1, y], which holds
/// XᵀX, Xᵀ1, Xᵀy and yᵀy at once; partial sums from several shards <see cref="Merge"/> exactly, so each worker can
/// accumulate its own partition and one place solves. <see cref="Solve"/> returns parameters in the
/// <see cref="Models.LinearRegressionModel"/> layout [w, b].
/// </summary>
public sealed class NormalEquations
{
    // Rows transposed to column-major double per block, so each Gram entry of the block is one SIMD dot product.
    private const int BlockRows = 256;
    private readonly double[] _gram;
    private readonly int _width;

    public NormalEquations(int featureCount)
    {
        if (featureCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "Least squares needs at least one feature.");
        FeatureCount = featureCount;
        _width = featureCount + 2;
        _gram = new double[_width * _width];
    }

    public int FeatureCount { get; }

    public long Rows { get; private set; }

    /// <summary>Adds the shard's rows to the sums (upper triangle of the Gram matrix).</summary>
    public void Accumulate(DataShard shard)
    {
        if (shard.Columns != FeatureCount)
            throw new ArgumentException($"The shard has {shard.Columns} feature columns; these normal equations have {FeatureCount}.", nameof(shard));
        var columns = new double[_width * BlockRows];
        var features = shard.Features.Span;
        var labels = shard.Labels.Span;
        for (var start = 0; start < shard.Rows; start += BlockRows)
        {
            var count = Math.Min(BlockRows, shard.Rows - start);
            for (var r = 0; r < count; r++)
            {
                var row = features.Slice((start + r) * FeatureCount, FeatureCount);
                for (var j = 0; j < FeatureCount; j++)
                    columns[j * BlockRows + r] = row[j];
            }
            columns.AsSpan(FeatureCount * BlockRows, count).Fill(1.0);
            var labelColumn = columns.AsSpan((FeatureCount + 1) * BlockRows, count);
            TensorPrimitives.ConvertChecked<float, double>(labels.Slice(start, count), labelColumn);

            for (var i = 0; i < _width; i++)
            {
                var left = columns.AsSpan(i * BlockRows, count);
                for (var j = i; j < _width; j++)
                    _gram[i * _width + j] += TensorPrimitives.Dot<double>(left, columns.AsSpan(j * BlockRows, count));
            }
        }
        Rows += shard.Rows;
    }

    /// <summary>Adds another accumulator's sums (from another shard of the same data).</summary>
    public void Merge(NormalEquations other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.FeatureCount != FeatureCount)
            throw new ArgumentException($"Cannot merge {other.FeatureCount}-feature sums into {FeatureCount}-feature sums.", nameof(other));
        TensorPrimitives.Add<double>(_gram, other._gram, _gram);
        Rows += other.Rows;
    }

    /// <summary>
    /// Minimises Σ (x·w + b - y)² + ridge · Rows · |w|² (the intercept is not penalised). Throws, naming the column,
    /// when the features are collinear and ridge is 0.
    /// </summary>
    public float[] Solve(double ridge = 0, IReadOnlyList<string>? featureNames = null)
    {
        if (Rows == 0)
            throw new InvalidOperationException("No rows were accumulated; nothing to solve.");
        if (ridge < 0)
            throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "The ridge penalty cannot be negative.");
        var n = FeatureCount + 1;
        var system = new double[n * n];
        var rhs = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                system[i * n + j] = _gram[Math.Min(i, j) * _width + Math.Max(i, j)];
            rhs[i] = _gram[i * _width + n];
            if (i < FeatureCount)
                system[i * n + i] += ridge * Rows;
        }
        Cholesky.SolveInPlace(system, rhs, n, column => column < FeatureCount
            ? $"feature '{featureNames?[column] ?? $"f{column}"}' (column {column})"
            : "the intercept");
        var parameters = new float[n];
        TensorPrimitives.ConvertTruncating<double, float>(rhs, parameters);
        return parameters;
    }

    /// <summary>Fits on the whole matrix, accumulating <paramref name="parallelism"/> partitions concurrently.</summary>
    public static float[] Fit(FeatureMatrix data, int parallelism = 0, double ridge = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (parallelism <= 0)
            parallelism = Environment.ProcessorCount;
        var shards = data.Partition(Math.Min(parallelism, data.Rows));
        var partials = new NormalEquations[shards.Length];
        Parallel.For(0, shards.Length, i =>
        {
            partials[i] = new NormalEquations(data.Columns);
            partials[i].Accumulate(shards[i]);
        });
        for (var i = 1; i < partials.Length; i++)
            partials[0].Merge(partials[i]);
        return partials[0].Solve(ridge, data.FeatureNames);
    }
}
