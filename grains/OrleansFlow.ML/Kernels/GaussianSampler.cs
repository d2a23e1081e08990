namespace OrleansFlow.ML.Kernels;

/// <summary>Normal random numbers by the Box-Muller transform (two samples per pair of uniforms).</summary>
public static class GaussianSampler
{
    public static void Fill(Random random, Span<float> values, float mean, float standardDeviation)
    {
        for (var i = 0; i < values.Length; i += 2)
        {
            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            var angle = 2.0 * Math.PI * random.NextDouble();
            values[i] = mean + standardDeviation * (float)(radius * Math.Cos(angle));
            if (i + 1 < values.Length)
                values[i + 1] = mean + standardDeviation * (float)(radius * Math.Sin(angle));
        }
    }
}
