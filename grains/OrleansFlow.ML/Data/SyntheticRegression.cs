using System.Numerics.Tensors;
using OrleansFlow.ML.Kernels;

namespace OrleansFlow.ML.Data;

/// <summary>Rows with standard-normal features and y = x · Coefficients + Intercept + N(0, NoiseStdDev²).</summary>
public sealed record SyntheticRegression(FeatureMatrix Data, float[] Coefficients, float Intercept, float NoiseStdDev)
{
    // Rows generated per task; each block has its own seeded Random, so the output does not depend on scheduling.
    private const int BlockRows = 1 << 16;

    /// <summary>Coefficients are drawn uniformly from [-2, 2] and the intercept from [-1, 1], all from <paramref name="seed"/>.</summary>
    public static SyntheticRegression Generate(int rows, int features, float noiseStdDev, int seed)
    {
        if (rows <= 0 || features <= 0)
            throw new ArgumentOutOfRangeException(nameof(rows), $"Need positive rows and features, got {rows} x {features}.");
        if (noiseStdDev < 0)
            throw new ArgumentOutOfRangeException(nameof(noiseStdDev), noiseStdDev, "Noise cannot have a negative standard deviation.");
        var random = new Random(seed);
        var coefficients = new float[features];
        for (var j = 0; j < features; j++)
            coefficients[j] = (float)(random.NextDouble() * 4 - 2);
        var intercept = (float)(random.NextDouble() * 2 - 1);

        var x = new float[(long)rows * features];
        var y = new float[rows];
        var blocks = (rows + BlockRows - 1) / BlockRows;
        Parallel.For(0, blocks, block =>
        {
            // A fixed mix of seed and block (HashCode is randomised per process, so it would not repeat).
            var blockRandom = new Random(unchecked(seed * 1_000_003 + block));
            var start = block * BlockRows;
            var count = Math.Min(BlockRows, rows - start);
            var blockFeatures = x.AsSpan(start * features, count * features);
            var blockLabels = y.AsSpan(start, count);
            GaussianSampler.Fill(blockRandom, blockFeatures, 0f, 1f);
            GaussianSampler.Fill(blockRandom, blockLabels, intercept, noiseStdDev);
            for (var r = 0; r < count; r++)
                blockLabels[r] += TensorPrimitives.Dot(blockFeatures.Slice(r * features, features), coefficients);
        });
        return new SyntheticRegression(new FeatureMatrix(x, y, features, labelName: "y"), coefficients, intercept, noiseStdDev);
    }
}
