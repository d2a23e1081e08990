using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrleansFlow.ML.Kernels;

/// <summary>
/// Blocked dense matrix products on row-major float32 spans. The bulk of C is computed in 4 x 16 register tiles
/// (<see cref="RegisterBlockKernel"/>); edges, and machines without 256-bit SIMD, use TensorPrimitives axpy/dot
/// calls over contiguous rows, blocked so the reused operand stays in cache. Zero inputs are skipped, which pays
/// off on image data (MNIST is ~80% zero pixels).
/// </summary>
public static class MatrixKernels
{
    // Rows of B visited per block: 64 rows x 256 floats = 64 KiB, L2-resident while every row of A sweeps it.
    private const int DepthBlock = 64;
    // Columns of C (and B) per block, so a C row segment stays in L1 across the depth block.
    private const int WidthBlock = 256;

    /// <summary>C[m,n] += A[m,k] · B[k,n].</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        CheckSizes(a.Length, (long)m * k, b.Length, (long)k * n, c.Length, (long)m * n);
        var (tiledRows, tiledColumns) = TiledExtent(m, n);
        if (tiledRows > 0 && tiledColumns > 0)
        {
            ref var a0 = ref MemoryMarshal.GetReference(a);
            ref var b0 = ref MemoryMarshal.GetReference(b);
            ref var c0 = ref MemoryMarshal.GetReference(c);
            // Column panels outermost: the k x 16 panel of B stays in L2 while every row tile of A passes it.
            for (var j = 0; j < tiledColumns; j += RegisterBlockKernel.Columns)
            {
                for (var i = 0; i < tiledRows; i += RegisterBlockKernel.Rows)
                {
                    RegisterBlockKernel.MultiplyAdd4x16(
                        ref Unsafe.Add(ref a0, i * k), k, 1,
                        ref Unsafe.Add(ref b0, j), n,
                        ref Unsafe.Add(ref c0, i * n + j), n, k);
                }
            }
        }
        MultiplyAddByRows(a, b, c, k, n, tiledRows, m, 0, n);
        MultiplyAddByRows(a, b, c, k, n, 0, tiledRows, tiledColumns, n);
    }

    /// <summary>The axpy form of <see cref="MultiplyAdd"/> on rows [rowStart, rowEnd) and columns [columnStart, columnEnd) of C.</summary>
    private static void MultiplyAddByRows(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int k, int n, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        for (var j0 = columnStart; j0 < columnEnd; j0 += WidthBlock)
        {
            var width = Math.Min(WidthBlock, columnEnd - j0);
            for (var k0 = 0; k0 < k; k0 += DepthBlock)
            {
                var depth = Math.Min(DepthBlock, k - k0);
                for (var i = rowStart; i < rowEnd; i++)
                {
                    var aRow = a.Slice(i * k + k0, depth);
                    var cRow = c.Slice(i * n + j0, width);
                    for (var p = 0; p < depth; p++)
                    {
                        var scale = aRow[p];
                        if (scale != 0f)
                            TensorPrimitives.MultiplyAdd(b.Slice((k0 + p) * n + j0, width), scale, cRow, cRow);
                    }
                }
            }
        }
    }

    /// <summary>C[m,n] += A[m,k] · B[n,k]ᵀ (each C entry is a dot of two rows).</summary>
    public static void MultiplyTransposedAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        CheckSizes(a.Length, (long)m * k, b.Length, (long)n * k, c.Length, (long)m * n);
        for (var i = 0; i < m; i++)
        {
            var aRow = a.Slice(i * k, k);
            var cRow = c.Slice(i * n, n);
            for (var j = 0; j < n; j++)
                cRow[j] += TensorPrimitives.Dot(aRow, b.Slice(j * k, k));
        }
    }

    /// <summary>C[k,n] += A[m,k]ᵀ · B[m,n] (the weight-gradient product: inputsᵀ · output deltas).</summary>
    public static void TransposedMultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        CheckSizes(a.Length, (long)m * k, b.Length, (long)m * n, c.Length, (long)k * n);
        var (tiledRows, tiledColumns) = TiledExtent(k, n);
        if (tiledRows > 0 && tiledColumns > 0)
        {
            ref var a0 = ref MemoryMarshal.GetReference(a);
            ref var b0 = ref MemoryMarshal.GetReference(b);
            ref var c0 = ref MemoryMarshal.GetReference(c);
            // C row p pairs with column p of A, read down the m rows: row stride 1, step stride k.
            for (var j = 0; j < tiledColumns; j += RegisterBlockKernel.Columns)
            {
                for (var p = 0; p < tiledRows; p += RegisterBlockKernel.Rows)
                {
                    RegisterBlockKernel.MultiplyAdd4x16(
                        ref Unsafe.Add(ref a0, p), 1, k,
                        ref Unsafe.Add(ref b0, j), n,
                        ref Unsafe.Add(ref c0, p * n + j), n, m);
                }
            }
        }
        TransposedMultiplyAddByRows(a, b, c, m, k, n, tiledRows, k, 0, n);
        TransposedMultiplyAddByRows(a, b, c, m, k, n, 0, tiledRows, tiledColumns, n);
    }

    /// <summary>The axpy form of <see cref="TransposedMultiplyAdd"/> on rows [rowStart, rowEnd) and columns [columnStart, columnEnd) of C.</summary>
    private static void TransposedMultiplyAddByRows(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        var width = columnEnd - columnStart;
        if (width <= 0)
            return;
        // Block over rows of C so that block stays cached while all m rows of A and B stream past it.
        var rowsPerBlock = Math.Max(1, DepthBlock * WidthBlock / Math.Max(1, width));
        for (var k0 = rowStart; k0 < rowEnd; k0 += rowsPerBlock)
        {
            var depth = Math.Min(rowsPerBlock, rowEnd - k0);
            for (var i = 0; i < m; i++)
            {
                var aRow = a.Slice(i * k + k0, depth);
                var bRow = b.Slice(i * n + columnStart, width);
                for (var p = 0; p < depth; p++)
                {
                    var scale = aRow[p];
                    if (scale != 0f)
                    {
                        var cRow = c.Slice((k0 + p) * n + columnStart, width);
                        TensorPrimitives.MultiplyAdd(bRow, scale, cRow, cRow);
                    }
                }
            }
        }
    }

    /// <summary>How many rows and columns of C the register-block kernel covers (0, 0 without 256-bit SIMD).</summary>
    private static (int Rows, int Columns) TiledExtent(int rows, int columns) =>
        RegisterBlockKernel.IsSupported
            ? (rows - rows % RegisterBlockKernel.Rows, columns - columns % RegisterBlockKernel.Columns)
            : (0, 0);

    /// <summary>Adds <paramref name="row"/> to each of the <paramref name="rows"/> rows of <paramref name="matrix"/>.</summary>
    public static void AddToEachRow(Span<float> matrix, ReadOnlySpan<float> row, int rows)
    {
        var n = row.Length;
        for (var i = 0; i < rows; i++)
        {
            var target = matrix.Slice(i * n, n);
            TensorPrimitives.Add(target, row, target);
        }
    }

    /// <summary>sum[n] += Σ_i matrix[i, :] (the bias gradient).</summary>
    public static void SumRowsInto(ReadOnlySpan<float> matrix, Span<float> sum, int rows)
    {
        var n = sum.Length;
        for (var i = 0; i < rows; i++)
            TensorPrimitives.Add(sum, matrix.Slice(i * n, n), sum);
    }

    private static void CheckSizes(int aLength, long aNeeded, int bLength, long bNeeded, int cLength, long cNeeded)
    {
        if (aLength < aNeeded)
            throw new ArgumentException($"Matrix A has {aLength} values, the shape needs {aNeeded}.");
        if (bLength < bNeeded)
            throw new ArgumentException($"Matrix B has {bLength} values, the shape needs {bNeeded}.");
        if (cLength < cNeeded)
            throw new ArgumentException($"Matrix C has {cLength} values, the shape needs {cNeeded}.");
    }
}
