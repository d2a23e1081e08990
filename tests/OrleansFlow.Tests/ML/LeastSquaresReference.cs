namespace OrleansFlow.Tests.ML;

/// <summary>Ordinary least squares by the normal equations (XᵀX)w = Xᵀy in double, with an intercept column:
/// plain loops, independent of the ML library.</summary>
internal static class LeastSquaresReference
{
    /// <param name="rows">Features then the label, per row.</param>
    /// <returns>The coefficients, then the intercept.</returns>
    public static double[] Solve(IReadOnlyList<double[]> rows)
    {
        var n = rows[0].Length; // features + intercept
        var a = new double[n, n + 1];
        foreach (var row in rows)
        {
            var x = row[..^1].Append(1.0).ToArray();
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                    a[i, j] += x[i] * x[j];
                a[i, n] += x[i] * row[^1];
            }
        }
        // Gaussian elimination with partial pivoting on the augmented matrix.
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(a[r, col]));
            for (var k = 0; k <= n; k++)
                (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var factor = a[r, col] / a[col, col];
                for (var k = col; k <= n; k++)
                    a[r, k] -= factor * a[col, k];
            }
        }
        return Enumerable.Range(0, n).Select(i => a[i, n] / a[i, i]).ToArray();
    }

    public static double MeanSquaredError(IReadOnlyList<double[]> rows, IReadOnlyList<double> weights) =>
        rows.Average(row =>
        {
            var prediction = weights[^1];
            for (var j = 0; j < row.Length - 1; j++)
                prediction += weights[j] * row[j];
            return (prediction - row[^1]) * (prediction - row[^1]);
        });
}
