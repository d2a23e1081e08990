namespace OrleansFlow.Benchmarks.ML;

internal static class LinearRegressionBenchmark
{
    public static void Run(Arguments args) => throw new NotImplementedException();
}
