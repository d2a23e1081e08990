using System.Numerics.Tensors;
using OrleansFlow.ML.Models;

namespace OrleansFlow.ML.Data;

/// <summary>
/// Per-column standardisation x' = (x - mean) / std. Gradient training needs it on tables whose columns have
/// different scales (SQL feature tables); after training, <see cref="FoldInto"/> moves the scaling into the model's
/// first layer so the saved model takes raw features and no scaler has to travel with it.
/// </summary>
public sealed class FeatureScaler
{
    private readonly float[] _means;
    private readonly float[] _inverseStdDevs;

    private FeatureScaler(float[] means, float[] inverseStdDevs)
    {
        _means = means;
        _inverseStdDevs = inverseStdDevs;
    }

    public IReadOnlyList<float> Means => _means;

    /// <summary>1 / standard deviation per column; 1 for constant columns, which are then only centred.</summary>
    public IReadOnlyList<float> InverseStdDevs => _inverseStdDevs;

    /// <summary>Column means and standard deviations, accumulated in double.</summary>
    public static FeatureScaler Fit(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rows == 0)
            throw new ArgumentException("Cannot fit a scaler on an empty matrix.", nameof(data));
        var columns = data.Columns;
        var sum = new double[columns];
        var sumOfSquares = new double[columns];
        var row = new double[columns];
        for (var r = 0; r < data.Rows; r++)
        {
            TensorPrimitives.ConvertChecked<float, double>(data.Row(r), row);
            TensorPrimitives.Add<double>(sum, row, sum);
            TensorPrimitives.MultiplyAdd<double>(row, row, sumOfSquares, sumOfSquares);
        }
        var means = new float[columns];
        var inverse = new float[columns];
        for (var j = 0; j < columns; j++)
        {
            var mean = sum[j] / data.Rows;
            var variance = Math.Max(0, sumOfSquares[j] / data.Rows - mean * mean);
            means[j] = (float)mean;
            inverse[j] = variance > 1e-12 * Math.Max(1, mean * mean) ? (float)(1 / Math.Sqrt(variance)) : 1f;
        }
        return new FeatureScaler(means, inverse);
    }

    /// <summary>A standardised copy of <paramref name="data"/> (labels shared).</summary>
    public FeatureMatrix Transform(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != _means.Length)
            throw new ArgumentException($"The scaler was fitted on {_means.Length} columns; the matrix has {data.Columns}.", nameof(data));
        var features = new float[data.Features.Length];
        for (var r = 0; r < data.Rows; r++)
        {
            var target = features.AsSpan(r * data.Columns, data.Columns);
            TensorPrimitives.Subtract(data.Row(r), _means, target);
            TensorPrimitives.Multiply(target, _inverseStdDevs, target);
        }
        return new FeatureMatrix(features, data.Labels, data.Columns, data.FeatureNames, data.LabelName);
    }

    /// <summary>
    /// Parameters that give on RAW features what <paramref name="parameters"/> give on standardised ones. Every model
    /// here starts with W [features x outputs] row-major followed by b [outputs], so
    /// W'[i, :] = W[i, :] / std_i and b' = b - Σ_i mean_i / std_i · W[i, :].
    /// </summary>
    public float[] FoldInto(IGradientModel model, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.FeatureCount != _means.Length)
            throw new ArgumentException($"The scaler has {_means.Length} columns; the {model.Kind} model expects {model.FeatureCount}.", nameof(model));
        if (parameters.Length != model.ParameterCount)
            throw new ArgumentException($"The {model.Kind} model has {model.ParameterCount} parameters; {parameters.Length} given.", nameof(parameters));
        var outputs = model.LayerSizes[1];
        var folded = parameters.ToArray();
        var bias = folded.AsSpan(_means.Length * outputs, outputs);
        for (var i = 0; i < _means.Length; i++)
        {
            var weights = folded.AsSpan(i * outputs, outputs);
            TensorPrimitives.Multiply(weights, _inverseStdDevs[i], weights);
            TensorPrimitives.MultiplyAdd(weights, -_means[i], bias, bias);
        }
        return folded;
    }
}
