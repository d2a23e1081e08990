using System.Numerics.Tensors;
using OrleansFlow.ML.Kernels;

namespace OrleansFlow.ML.Data;

/// <summary>Labelled point clouds with a known best classifier, for checking classification trainers.</summary>
public static class SyntheticClassification
{
    /// <summary>
    /// Binary, linearly separable: x ~ N(0, I), label = [x · w + b > 0], and every point is pushed
    /// <paramref name="margin"/> further from the plane, so a gap of 2·margin separates the classes.
    /// </summary>
    public static FeatureMatrix Separable(int rows, int features, float margin, int seed)
    {
        if (rows <= 0 || features <= 0)
            throw new ArgumentOutOfRangeException(nameof(rows), $"Need positive rows and features, got {rows} x {features}.");
        var random = new Random(seed);
        var normal = new float[features];
        GaussianSampler.Fill(random, normal, 0f, 1f);
        TensorPrimitives.Divide(normal, TensorPrimitives.Norm(normal), normal);
        var offset = (float)(random.NextDouble() - 0.5);

        var x = new float[rows * features];
        var y = new float[rows];
        GaussianSampler.Fill(random, x, 0f, 1f);
        for (var r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * features, features);
            var side = TensorPrimitives.Dot(row, normal) + offset > 0 ? 1f : -1f;
            TensorPrimitives.MultiplyAdd(normal, side * margin, row, row);
            y[r] = side > 0 ? 1f : 0f;
        }
        return new FeatureMatrix(x, y, features, labelName: "label");
    }

    /// <summary>
    /// <paramref name="classes"/> Gaussian blobs with centres drawn from N(0, 3² I) and unit spread; label = blob index.
    /// </summary>
    public static FeatureMatrix Blobs(int rows, int features, int classes, int seed)
    {
        if (rows <= 0 || features <= 0 || classes < 2)
            throw new ArgumentOutOfRangeException(nameof(rows), $"Need positive rows and features and 2+ classes, got {rows}, {features}, {classes}.");
        var random = new Random(seed);
        var centres = new float[classes * features];
        GaussianSampler.Fill(random, centres, 0f, 3f);
        var x = new float[rows * features];
        var y = new float[rows];
        GaussianSampler.Fill(random, x, 0f, 1f);
        for (var r = 0; r < rows; r++)
        {
            var label = random.Next(classes);
            var row = x.AsSpan(r * features, features);
            TensorPrimitives.Add(row, centres.AsSpan(label * features, features), row);
            y[r] = label;
        }
        return new FeatureMatrix(x, y, features, labelName: "class");
    }
}
