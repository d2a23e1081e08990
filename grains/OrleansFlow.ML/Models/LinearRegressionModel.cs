using System.Buffers;
using System.Numerics.Tensors;
using OrleansFlow.ML.Data;

namespace OrleansFlow.ML.Models;

/// <summary>
/// y ≈ x · w + b with squared loss. Parameters: [w_0 .. w_{d-1}, b]. Trained either by gradient steps
/// (<see cref="ComputeGradient"/>) or in closed form (<see cref="Training.NormalEquations"/>).
/// </summary>
public sealed class LinearRegressionModel : IGradientModel
{
    public LinearRegressionModel(int featureCount)
    {
        if (featureCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "Linear regression needs at least one feature.");
        FeatureCount = featureCount;
    }

    public ModelKind Kind => ModelKind.LinearRegression;

    public int FeatureCount { get; }

    public int ParameterCount => FeatureCount + 1;

    public IReadOnlyList<int> LayerSizes => [FeatureCount, 1];

    public void InitializeParameters(Span<float> parameters, int seed)
    {
        ModelChecks.Parameters(this, parameters.Length, nameof(parameters));
        parameters.Clear();
    }

    /// <summary>Loss is the mean squared error; gradient 2/n Σ (ŷ - y) [x, 1].</summary>
    public GradientResult ComputeGradient(DataShard shard, ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        ModelChecks.Shard(this, shard);
        ModelChecks.Parameters(this, parameters.Length, nameof(parameters));
        ModelChecks.Parameters(this, gradient.Length, nameof(gradient));
        gradient.Clear();
        if (shard.Rows == 0)
            return new GradientResult(0, 0);

        var weights = parameters[..FeatureCount];
        var bias = parameters[FeatureCount];
        var weightGradient = gradient[..FeatureCount];
        var residuals = ArrayPool<float>.Shared.Rent(LinearKernels.BlockRows);
        double squaredErrorSum = 0, residualSum = 0;
        try
        {
            var features = shard.Features.Span;
            var labels = shard.Labels.Span;
            for (var start = 0; start < shard.Rows; start += LinearKernels.BlockRows)
            {
                var count = Math.Min(LinearKernels.BlockRows, shard.Rows - start);
                var rows = features.Slice(start * FeatureCount, count * FeatureCount);
                var r = residuals.AsSpan(0, count);
                LinearKernels.Scores(rows, FeatureCount, weights, bias, r);
                TensorPrimitives.Subtract(r, labels.Slice(start, count), r);
                squaredErrorSum += TensorPrimitives.SumOfSquares<float>(r);
                residualSum += TensorPrimitives.Sum<float>(r);
                LinearKernels.AccumulateWeightedRows(rows, FeatureCount, r, weightGradient);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(residuals);
        }

        var scale = 2f / shard.Rows;
        TensorPrimitives.Multiply(weightGradient, scale, weightGradient);
        gradient[FeatureCount] = (float)(residualSum * scale);
        return new GradientResult(squaredErrorSum / shard.Rows, shard.Rows);
    }

    public void Predict(DataShard shard, ReadOnlySpan<float> parameters, Span<float> predictions)
    {
        ModelChecks.Shard(this, shard);
        ModelChecks.Parameters(this, parameters.Length, nameof(parameters));
        ModelChecks.Output(shard.Rows, predictions.Length, nameof(predictions));
        LinearKernels.Scores(shard.Features.Span, FeatureCount, parameters[..FeatureCount], parameters[FeatureCount], predictions[..shard.Rows]);
    }
}
