namespace OrleansFlow.ML.Kernels;

/// <summary>Solves a symmetric positive-definite system A x = b by Cholesky factorisation, in double.</summary>
public static class Cholesky
{
    /// <param name="matrix">n x n row-major, only the lower triangle is read; overwritten with L.</param>
    /// <param name="rightHandSide">b, overwritten with x.</param>
    /// <param name="describeColumn">Names column i in the error when A is singular (e.g. the feature name).</param>
    public static void SolveInPlace(Span<double> matrix, Span<double> rightHandSide, int n, Func<int, string> describeColumn)
    {
        if (matrix.Length < n * n || rightHandSide.Length < n)
            throw new ArgumentException($"A {n} x {n} system needs {n * n} matrix values and {n} right-hand-side values.");

        double largestDiagonal = 0;
        for (var i = 0; i < n; i++)
            largestDiagonal = Math.Max(largestDiagonal, matrix[i * n + i]);
        // A pivot this small relative to the largest is what collinear or constant columns leave behind.
        var tolerance = Math.Max(largestDiagonal, double.Epsilon) * 1e-12;

        for (var j = 0; j < n; j++)
        {
            var rowJ = matrix.Slice(j * n, j);
            var pivot = matrix[j * n + j] - System.Numerics.Tensors.TensorPrimitives.Dot<double>(rowJ, rowJ);
            if (!(pivot > tolerance))
                throw new InvalidOperationException(
                    $"The normal equations are singular at {describeColumn(j)}: that column is constant or a linear combination of earlier ones. Drop it or use a ridge penalty.");
            var diagonal = Math.Sqrt(pivot);
            matrix[j * n + j] = diagonal;
            for (var i = j + 1; i < n; i++)
            {
                var dot = System.Numerics.Tensors.TensorPrimitives.Dot<double>(matrix.Slice(i * n, j), rowJ);
                matrix[i * n + j] = (matrix[i * n + j] - dot) / diagonal;
            }
        }

        // Forward substitution L y = b, then back substitution Lᵀ x = y.
        for (var i = 0; i < n; i++)
        {
            var sum = rightHandSide[i] - System.Numerics.Tensors.TensorPrimitives.Dot<double>(matrix.Slice(i * n, i), rightHandSide[..i]);
            rightHandSide[i] = sum / matrix[i * n + i];
        }
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = rightHandSide[i];
            for (var k = i + 1; k < n; k++)
                sum -= matrix[k * n + i] * rightHandSide[k];
            rightHandSide[i] = sum / matrix[i * n + i];
        }
    }
}
