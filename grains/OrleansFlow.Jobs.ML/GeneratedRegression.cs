using OrleansFlow.Abstractions.ML;
using System.Numerics.Tensors;
using OrleansFlow.ML.Data;
using OrleansFlow.ML.Kernels;

namespace OrleansFlow.Jobs.ML;

/// <summary>
/// Linear-regression rows with known coefficients, generated per partition from its own random stream, so each
/// worker makes only its rows. The coefficients and intercept are those of
/// <see cref="SyntheticRegression.Generate"/> with the same seed and feature count.
/// </summary>
public static class GeneratedRegression
{
    public static (float[] Coefficients, float Intercept) Truth(MlArgs p)
    {
        var truth = SyntheticRegression.Generate(1, p.Features, 0f, p.Seed);
        return (truth.Coefficients, truth.Intercept);
    }

    /// <param name="stream">The partition index; -1 for the held-out rows.</param>
    public static FeatureMatrix Rows(MlArgs p, int rows, int stream)
    {
        var (coefficients, intercept) = Truth(p);
        var random = new Random(unchecked(p.Seed * 1_000_003 + 7_919 * (stream + 2)));
        var x = new float[(long)rows * p.Features];
        var y = new float[rows];
        GaussianSampler.Fill(random, x, 0f, 1f);
        GaussianSampler.Fill(random, y, intercept, p.Noise);
        for (var r = 0; r < rows; r++)
            y[r] += TensorPrimitives.Dot(x.AsSpan(r * p.Features, p.Features), coefficients);
        return new FeatureMatrix(x, y, p.Features, labelName: "y");
    }
}
