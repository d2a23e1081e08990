using System.Buffers;
using System.Numerics.Tensors;
using OrleansFlow.ML.Data;

namespace OrleansFlow.ML.Models;

/// <summary>
/// The gradient loop every model of the form z = x · w + b shares: scores block by block, a per-model link turns the
/// scores into errors (∂loss/∂z) and a loss, and the errors weight the rows into the gradient of [w, b].
/// </summary>
internal static class LinearModelGradient
{
    /// <summary>Turns <paramref name="scores"/> into errors in place and returns the block's summed loss.
    /// <paramref name="work"/> is scratch of the same length.</summary>
    public delegate double BlockLink(ReadOnlySpan<float> labels, Span<float> scores, Span<float> work, int firstRow);

    /// <summary>Fills <paramref name="gradient"/> with <paramref name="scale"/> × Σ error · [x, 1]; the loss is the mean.</summary>
    public static GradientResult Compute(IGradientModel model, DataShard shard, ReadOnlySpan<float> parameters, Span<float> gradient,
        float scale, BlockLink link)
    {
        ModelChecks.Shard(model, shard);
        ModelChecks.Parameters(model, parameters.Length, nameof(parameters));
        ModelChecks.Parameters(model, gradient.Length, nameof(gradient));
        gradient.Clear();
        if (shard.Rows == 0)
            return new GradientResult(0, 0);

        var featureCount = model.FeatureCount;
        var weights = parameters[..featureCount];
        var bias = parameters[featureCount];
        var weightGradient = gradient[..featureCount];
        var buffer = ArrayPool<float>.Shared.Rent(2 * LinearKernels.BlockRows);
        double lossSum = 0, errorSum = 0;
        try
        {
            var features = shard.Features.Span;
            var labels = shard.Labels.Span;
            for (var start = 0; start < shard.Rows; start += LinearKernels.BlockRows)
            {
                var count = Math.Min(LinearKernels.BlockRows, shard.Rows - start);
                var rows = features.Slice(start * featureCount, count * featureCount);
                var errors = buffer.AsSpan(0, count);
                LinearKernels.Scores(rows, featureCount, weights, bias, errors);
                lossSum += link(labels.Slice(start, count), errors, buffer.AsSpan(LinearKernels.BlockRows, count), start);
                errorSum += TensorPrimitives.Sum<float>(errors);
                LinearKernels.AccumulateWeightedRows(rows, featureCount, errors, weightGradient);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        var factor = scale / shard.Rows;
        TensorPrimitives.Multiply(weightGradient, factor, weightGradient);
        gradient[featureCount] = (float)(errorSum * factor);
        return new GradientResult(lossSum / shard.Rows, shard.Rows);
    }
}
