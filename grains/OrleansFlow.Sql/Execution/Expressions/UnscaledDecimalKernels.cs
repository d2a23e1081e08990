using System.Runtime.InteropServices;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Expressions;

/// <summary>
/// Decimal comparisons and + - * on unscaled 64-bit integers, for vectors read from Parquet that have not been
/// converted to System.Decimal (<see cref="Vector.UnscaledDecimals"/>). Each returns null when it cannot be exact
/// (a value with more digits than the scale, an overflow), and the caller falls back to System.Decimal.
/// </summary>
internal static class UnscaledDecimalKernels
{
    public static Vector? TryCompare(BinaryOp op, Vector l, Vector r)
    {
        if (l.UnscaledDecimals is null && r.UnscaledDecimals is null) return null;
        byte scale = (byte)Math.Max(l.Type.Scale, r.Type.Scale);
        if (AtScale(l, scale) is not { } a || AtScale(r, scale) is not { } b) return null;
        int n = l.Length;
        var res = new long[n];
        switch (op)
        {
            case BinaryOp.Eq: for (int i = 0; i < n; i++) res[i] = a[i] == b[i] ? 1 : 0; break;
            case BinaryOp.NotEq: for (int i = 0; i < n; i++) res[i] = a[i] != b[i] ? 1 : 0; break;
            case BinaryOp.Lt: for (int i = 0; i < n; i++) res[i] = a[i] < b[i] ? 1 : 0; break;
            case BinaryOp.LtEq: for (int i = 0; i < n; i++) res[i] = a[i] <= b[i] ? 1 : 0; break;
            case BinaryOp.Gt: for (int i = 0; i < n; i++) res[i] = a[i] > b[i] ? 1 : 0; break;
            default: for (int i = 0; i < n; i++) res[i] = a[i] >= b[i] ? 1 : 0; break;
        }
        return new Vector(SqlType.Boolean, res, NullMasks.Union(l.Nulls, r.Nulls, n));
    }

    public static Vector? TryArithmetic(BinaryOp op, Vector l, Vector r, SqlType resultType)
    {
        if (l.UnscaledDecimals is null && r.UnscaledDecimals is null) return null;
        if (l.Type.Storage != StorageKind.Decimal || r.Type.Storage != StorageKind.Decimal) return null;
        int n = l.Length;
        long[] res = new long[n];
        switch (op)
        {
            case BinaryOp.Add or BinaryOp.Subtract:
            {
                byte scale = (byte)resultType.Scale;
                if (scale < Math.Max(l.Type.Scale, r.Type.Scale)) return null;
                if (AtScale(l, scale) is not { } a || AtScale(r, scale) is not { } b) return null;
                try
                {
                    checked
                    {
                        if (op == BinaryOp.Add) for (int i = 0; i < n; i++) res[i] = a[i] + b[i];
                        else for (int i = 0; i < n; i++) res[i] = a[i] - b[i];
                    }
                }
                catch (OverflowException) { return null; }
                break;
            }
            case BinaryOp.Multiply:
            {
                if (resultType.Scale != l.Type.Scale + r.Type.Scale) return null;
                if (AtScale(l, (byte)l.Type.Scale) is not { } a || AtScale(r, (byte)r.Type.Scale) is not { } b) return null;
                for (int i = 0; i < n; i++)
                {
                    long high = Math.BigMul(a[i], b[i], out long low);
                    if (high != (low >> 63)) return null;
                    res[i] = low;
                }
                break;
            }
            default: return null;
        }
        return Vector.FromUnscaledDecimals(resultType, res, NullMasks.Union(l.Nulls, r.Nulls, n));
    }

    /// <summary>The vector's values as unscaled integers at <paramref name="scale"/>, or null when one is not exact.</summary>
    private static long[]? AtScale(Vector v, byte scale)
    {
        if (v.Type.Storage != StorageKind.Decimal || v.Type.Scale > scale) return null;
        int n = v.Length;
        if (v.UnscaledDecimals is { } unscaled)
        {
            int digits = scale - v.Type.Scale;
            if (digits == 0) return unscaled;
            var rescaled = new long[n];
            for (int i = 0; i < n; i++) if (!DecimalBits.TryRescale(unscaled[i], digits, out rescaled[i])) return null;
            return rescaled;
        }
        var values = v.Decimals;
        // Bit patterns: a constant (the usual other side) is converted once, not once per row.
        var bits = MemoryMarshal.Cast<decimal, Int128>(values.AsSpan());
        var nulls = v.Nulls;
        var result = new long[n];
        for (int i = 0; i < n; i++)
        {
            if (nulls is not null && nulls[i]) continue;
            if (i > 0 && bits[i] == bits[i - 1] && (nulls is null || !nulls[i - 1])) result[i] = result[i - 1];
            else if (!DecimalBits.TryGetAtScale(values[i], scale, out result[i])) return null;
        }
        return result;
    }
}
