using System.Numerics.Tensors;
using OrleansFlow.ML.Data;

namespace OrleansFlow.ML.Models;

/// <summary>
/// Binary logistic regression: P(y = 1 | x) = σ(x · w + b), log loss. Labels are 0 or 1.
/// Parameters: [w_0 .. w_{d-1}, b]. For more than two classes use <see cref="MultilayerPerceptron.SoftmaxRegression"/>.
/// </summary>
public sealed class LogisticRegressionModel : IGradientModel
{
    public LogisticRegressionModel(int featureCount)
    {
        if (featureCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "Logistic regression needs at least one feature.");
        FeatureCount = featureCount;
    }

    public ModelKind Kind => ModelKind.LogisticRegression;

    public int FeatureCount { get; }

    public int ParameterCount => FeatureCount + 1;

    public IReadOnlyList<int> LayerSizes => [FeatureCount, 1];

    public void InitializeParameters(Span<float> parameters, int seed)
    {
        ModelChecks.Parameters(this, parameters.Length, nameof(parameters));
        parameters.Clear();
    }

    /// <summary>Mean log loss, computed stably as softplus(z) - y·z; gradient 1/n Σ (σ(z) - y) [x, 1].</summary>
    public GradientResult ComputeGradient(DataShard shard, ReadOnlySpan<float> parameters, Span<float> gradient) =>
        LinearModelGradient.Compute(this, shard, parameters, gradient, scale: 1f, static (y, z, work, firstRow) =>
        {
            CheckBinaryLabels(y, firstRow);
            // softplus(z) = max(z, 0) + log(1 + e^{-|z|}): never overflows.
            TensorPrimitives.Abs(z, work);
            TensorPrimitives.Negate(work, work);
            TensorPrimitives.Exp(work, work);
            TensorPrimitives.Add(work, 1f, work);
            TensorPrimitives.Log(work, work);
            double loss = TensorPrimitives.Sum<float>(work);
            TensorPrimitives.Max(z, 0f, work);
            loss += TensorPrimitives.Sum<float>(work) - TensorPrimitives.Dot(y, z);
            // error = σ(z) - y, in z's place.
            TensorPrimitives.Sigmoid(z, z);
            TensorPrimitives.Subtract(z, y, z);
            return loss;
        });

    /// <summary>Predicted class (0 or 1) per row.</summary>
    public void Predict(DataShard shard, ReadOnlySpan<float> parameters, Span<float> predictions)
    {
        PredictProbabilities(shard, parameters, predictions);
        var p = predictions[..shard.Rows];
        for (var i = 0; i < p.Length; i++)
            p[i] = p[i] >= 0.5f ? 1f : 0f;
    }

    /// <summary>P(y = 1) per row.</summary>
    public void PredictProbabilities(DataShard shard, ReadOnlySpan<float> parameters, Span<float> probabilities)
    {
        ModelChecks.Shard(this, shard);
        ModelChecks.Parameters(this, parameters.Length, nameof(parameters));
        ModelChecks.Output(shard.Rows, probabilities.Length, nameof(probabilities));
        var p = probabilities[..shard.Rows];
        LinearKernels.Scores(shard.Features.Span, FeatureCount, parameters[..FeatureCount], parameters[FeatureCount], p);
        TensorPrimitives.Sigmoid(p, p);
    }

    private static void CheckBinaryLabels(ReadOnlySpan<float> labels, int firstRow)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] is not (0f or 1f))
                throw new ArgumentException($"Row {firstRow + i} has label {labels[i]}; binary logistic regression needs labels 0 or 1.");
        }
    }
}
