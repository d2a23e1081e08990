using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OrleansFlow.ML.Kernels;

/// <summary>
/// The inner kernel of the matrix products: a 4 x 16 tile of C kept in eight 256-bit registers while the depth
/// loop streams one 16-wide row of B and four scalars of A per step. Each B load feeds four FMAs instead of the
/// one an axpy gets, which is what makes the blocked product faster than row-by-row TensorPrimitives calls.
/// Strides are in floats, so the same kernel serves A·B (A row-major) and Aᵀ·B (A read down its columns).
/// </summary>
internal static class RegisterBlockKernel
{
    public const int Rows = 4;
    public const int Columns = 16;

    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// c[r, 0..16) += Σ_p a[r·aRowStride + p·aStepStride] · b[p·bStepStride + 0..16) for r in 0..4, p in 0..depth.
    /// Steps where all four A values are zero are skipped (sparse image inputs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd4x16(ref float a, nint aRowStride, nint aStepStride, ref float b, nint bStepStride, ref float c, nint cRowStride, int depth)
    {
        var c00 = Vector256<float>.Zero; var c01 = Vector256<float>.Zero;
        var c10 = Vector256<float>.Zero; var c11 = Vector256<float>.Zero;
        var c20 = Vector256<float>.Zero; var c21 = Vector256<float>.Zero;
        var c30 = Vector256<float>.Zero; var c31 = Vector256<float>.Zero;
        ref var a0 = ref a;
        ref var a1 = ref Unsafe.Add(ref a, aRowStride);
        ref var a2 = ref Unsafe.Add(ref a, 2 * aRowStride);
        ref var a3 = ref Unsafe.Add(ref a, 3 * aRowStride);
        for (nint p = 0; p < depth; p++)
        {
            var offset = p * aStepStride;
            var s0 = Unsafe.Add(ref a0, offset);
            var s1 = Unsafe.Add(ref a1, offset);
            var s2 = Unsafe.Add(ref a2, offset);
            var s3 = Unsafe.Add(ref a3, offset);
            if (s0 == 0f && s1 == 0f && s2 == 0f && s3 == 0f)
                continue;
            ref var bRow = ref Unsafe.Add(ref b, p * bStepStride);
            var b0 = Vector256.LoadUnsafe(ref bRow);
            var b1 = Vector256.LoadUnsafe(ref bRow, 8);
            var v = Vector256.Create(s0);
            c00 = Vector256.FusedMultiplyAdd(v, b0, c00); c01 = Vector256.FusedMultiplyAdd(v, b1, c01);
            v = Vector256.Create(s1);
            c10 = Vector256.FusedMultiplyAdd(v, b0, c10); c11 = Vector256.FusedMultiplyAdd(v, b1, c11);
            v = Vector256.Create(s2);
            c20 = Vector256.FusedMultiplyAdd(v, b0, c20); c21 = Vector256.FusedMultiplyAdd(v, b1, c21);
            v = Vector256.Create(s3);
            c30 = Vector256.FusedMultiplyAdd(v, b0, c30); c31 = Vector256.FusedMultiplyAdd(v, b1, c31);
        }
        AddTo(ref c, c00, c01);
        AddTo(ref Unsafe.Add(ref c, cRowStride), c10, c11);
        AddTo(ref Unsafe.Add(ref c, 2 * cRowStride), c20, c21);
        AddTo(ref Unsafe.Add(ref c, 3 * cRowStride), c30, c31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo(ref float c, Vector256<float> low, Vector256<float> high)
    {
        (Vector256.LoadUnsafe(ref c) + low).StoreUnsafe(ref c);
        (Vector256.LoadUnsafe(ref c, 8) + high).StoreUnsafe(ref c, 8);
    }
}
