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
    public GradientResult ComputeGradient(DataShard shard, ReadOnlySpan<float> parameters, Span<float> gradient) =>
        LinearModelGradient.Compute(this, shard, parameters, gradient, scale: 2f, static (labels, scores, _, _) =>
        {
            TensorPrimitives.Subtract(scores, labels, scores); // residuals
            return TensorPrimitives.SumOfSquares<float>(scores);
        });

    public void Predict(DataShard shard, ReadOnlySpan<float> parameters, Span<float> predictions)
    {
        ModelChecks.Shard(this, shard);
        ModelChecks.Parameters(this, parameters.Length, nameof(parameters));
        ModelChecks.Output(shard.Rows, predictions.Length, nameof(predictions));
        LinearKernels.Scores(shard.Features.Span, FeatureCount, parameters[..FeatureCount], parameters[FeatureCount], predictions[..shard.Rows]);
    }
}
