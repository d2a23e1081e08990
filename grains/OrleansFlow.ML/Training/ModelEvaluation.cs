using System.Buffers;
using System.Numerics.Tensors;
using OrleansFlow.ML.Data;
using OrleansFlow.ML.Models;

namespace OrleansFlow.ML.Training;

/// <summary>Quality of a trained model on held-out rows.</summary>
public static class ModelEvaluation
{
    /// <summary>Fraction of rows whose predicted class equals the label.</summary>
    public static double Accuracy(IGradientModel model, ReadOnlySpan<float> parameters, DataShard shard)
    {
        if (shard.Rows == 0)
            throw new ArgumentException("Cannot measure accuracy on an empty shard.", nameof(shard));
        var predictions = ArrayPool<float>.Shared.Rent(shard.Rows);
        try
        {
            model.Predict(shard, parameters, predictions);
            var labels = shard.Labels.Span;
            var correct = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                if (predictions[i] == labels[i])
                    correct++;
            }
            return (double)correct / shard.Rows;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(predictions);
        }
    }

    /// <summary>Mean of (prediction - label)², accumulated in double.</summary>
    public static double MeanSquaredError(IGradientModel model, ReadOnlySpan<float> parameters, DataShard shard)
    {
        if (shard.Rows == 0)
            throw new ArgumentException("Cannot measure the error on an empty shard.", nameof(shard));
        var predictions = ArrayPool<float>.Shared.Rent(shard.Rows);
        try
        {
            var p = predictions.AsSpan(0, shard.Rows);
            model.Predict(shard, parameters, p);
            TensorPrimitives.Subtract(p, shard.Labels.Span, p);
            double sum = 0;
            for (var start = 0; start < p.Length; start += 4096)
                sum += TensorPrimitives.SumOfSquares<float>(p.Slice(start, Math.Min(4096, p.Length - start)));
            return sum / shard.Rows;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(predictions);
        }
    }
}
