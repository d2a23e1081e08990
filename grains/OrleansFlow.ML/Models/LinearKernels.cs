using System.Numerics.Tensors;
using OrleansFlow.ML.Data;

namespace OrleansFlow.ML.Models;

/// <summary>The two passes every linear model makes over a block of rows: scores and the weighted row sum.</summary>
internal static class LinearKernels
{
    /// <summary>Rows handled per pass: the scores buffer stays small and in cache.</summary>
    public const int BlockRows = 1024;

    /// <summary>scores[i] = rows[i] · weights + bias.</summary>
    public static void Scores(ReadOnlySpan<float> rows, int columns, ReadOnlySpan<float> weights, float bias, Span<float> scores)
    {
        for (var i = 0; i < scores.Length; i++)
            scores[i] = TensorPrimitives.Dot(rows.Slice(i * columns, columns), weights) + bias;
    }

    /// <summary>sum += Σ_i coefficients[i] · rows[i].</summary>
    public static void AccumulateWeightedRows(ReadOnlySpan<float> rows, int columns, ReadOnlySpan<float> coefficients, Span<float> sum)
    {
        for (var i = 0; i < coefficients.Length; i++)
        {
            var c = coefficients[i];
            if (c != 0f)
                TensorPrimitives.MultiplyAdd(rows.Slice(i * columns, columns), c, sum, sum);
        }
    }
}
