using OrleansFlow.ML.Kernels;

namespace OrleansFlow.ML.Tests;

/// <summary>The blocked SIMD products against a plain triple loop in double; sizes cross the block edges.</summary>
public sealed class MatrixKernelsTests
{
    private const int M = 7, K = 70, N = 300;

    [Fact]
    public void Multiply_add_matches_triple_loop()
    {
        var a = Random(M * K, 1, sparse: true);
        var b = Random(K * N, 2);
        var c = Random(M * N, 3);
        var expected = Reference(c, (i, j) => Sum(K, p => a[i * K + p] * (double)b[p * N + j]), M, N);
        MatrixKernels.MultiplyAdd(a, b, c, M, K, N);
        AssertClose(expected, c);
    }

    [Fact]
    public void Multiply_transposed_add_matches_triple_loop()
    {
        var a = Random(M * K, 4);
        var b = Random(N * K, 5);
        var c = Random(M * N, 6);
        var expected = Reference(c, (i, j) => Sum(K, p => a[i * K + p] * (double)b[j * K + p]), M, N);
        MatrixKernels.MultiplyTransposedAdd(a, b, c, M, K, N);
        AssertClose(expected, c);
    }

    [Fact]
    public void Transposed_multiply_add_matches_triple_loop()
    {
        var a = Random(M * K, 7, sparse: true);
        var b = Random(M * N, 8);
        var c = Random(K * N, 9);
        var expected = Reference(c, (i, j) => Sum(M, p => a[p * K + i] * (double)b[p * N + j]), K, N);
        MatrixKernels.TransposedMultiplyAdd(a, b, c, M, K, N);
        AssertClose(expected, c);
    }

    [Fact]
    public void Shape_mismatch_is_reported()
    {
        var error = Assert.Throws<ArgumentException>(() => MatrixKernels.MultiplyAdd(new float[6], new float[5], new float[4], 2, 3, 2));
        Assert.Equal("Matrix B has 5 values, the shape needs 6.", error.Message);
    }

    private static float[] Random(int length, int seed, bool sparse = false)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < length; i++)
            values[i] = sparse && random.Next(3) == 0 ? 0f : (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    private static double Sum(int count, Func<int, double> term)
    {
        double sum = 0;
        for (var p = 0; p < count; p++)
            sum += term(p);
        return sum;
    }

    private static double[] Reference(float[] c, Func<int, int, double> product, int rows, int columns)
    {
        var expected = new double[rows * columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                expected[i * columns + j] = c[i * columns + j] + product(i, j);
        return expected;
    }

    private static void AssertClose(double[] expected, float[] actual)
    {
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-4, $"index {i}: expected {expected[i]}, got {actual[i]}");
    }
}
