using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Expressions;

/// <summary>+ - * / % over two vectors of one storage kind (or date ± days). Modulo by zero is NULL; / is IEEE double division.</summary>
internal static class ArithmeticKernels
{
    public static Vector Apply(BinaryOp op, Vector l, Vector r, SqlType resultType)
    {
        int n = l.Length;
        var nulls = NullMasks.Union(l.Nulls, r.Nulls, n);
        if (resultType.Kind == SqlTypeKind.Double)
        {
            var a = AsDoubles(l);
            var b = AsDoubles(r);
            var res = new double[n];
            switch (op)
            {
                case BinaryOp.Add: for (int i = 0; i < n; i++) res[i] = a[i] + b[i]; break;
                case BinaryOp.Subtract: for (int i = 0; i < n; i++) res[i] = a[i] - b[i]; break;
                case BinaryOp.Multiply: for (int i = 0; i < n; i++) res[i] = a[i] * b[i]; break;
                case BinaryOp.Divide:
                    // IEEE semantics as in DuckDB: x / 0 is ±infinity (or NaN), not NULL.
                    for (int i = 0; i < n; i++) res[i] = a[i] / b[i];
                    break;
                default:
                    for (int i = 0; i < n; i++)
                    {
                        if (b[i] == 0) (nulls ??= new bool[n])[i] = true;
                        else res[i] = a[i] % b[i];
                    }
                    break;
            }
            return new Vector(resultType, res, nulls);
        }
        if (resultType.Kind == SqlTypeKind.Decimal)
        {
            if (UnscaledDecimalKernels.TryArithmetic(op, l, r, resultType) is { } fast) return fast;
            var a = l.Decimals;
            var b = r.Decimals;
            var res = new decimal[n];
            // NULL rows hold zeros, so computing them is harmless (and cheaper than testing each row).
            switch (op)
            {
                case BinaryOp.Add: for (int i = 0; i < n; i++) res[i] = a[i] + b[i]; break;
                case BinaryOp.Subtract: for (int i = 0; i < n; i++) res[i] = a[i] - b[i]; break;
                case BinaryOp.Multiply: for (int i = 0; i < n; i++) res[i] = a[i] * b[i]; break;
                default:
                    for (int i = 0; i < n; i++)
                    {
                        if (b[i] == 0) (nulls ??= new bool[n])[i] = true;
                        else res[i] = a[i] % b[i];
                    }
                    break;
            }
            return new Vector(resultType, res, nulls);
        }
        {
            // Long storage: integers, and dates (days) with integer offsets.
            var a = l.Longs;
            var b = r.Longs;
            var res = new long[n];
            switch (op)
            {
                case BinaryOp.Add: for (int i = 0; i < n; i++) res[i] = a[i] + b[i]; break;
                case BinaryOp.Subtract: for (int i = 0; i < n; i++) res[i] = a[i] - b[i]; break;
                case BinaryOp.Multiply: for (int i = 0; i < n; i++) res[i] = a[i] * b[i]; break;
                default:
                    for (int i = 0; i < n; i++)
                    {
                        if (b[i] == 0) (nulls ??= new bool[n])[i] = true;
                        else res[i] = a[i] % b[i];
                    }
                    break;
            }
            if (resultType.Kind == SqlTypeKind.Int32) CheckInt32(op, res, nulls);
            return new Vector(resultType, res, nulls);
        }
    }

    /// <summary>As in DuckDB, an int result that does not fit is an error, not a wrapped value.</summary>
    private static void CheckInt32(BinaryOp op, long[] values, bool[]? nulls)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is < int.MinValue or > int.MaxValue && (nulls is null || !nulls[i]))
                throw new SqlExecutionException($"integer overflow: {values[i]} does not fit in int (operator '{Logical.BoundBinary.Symbol(op)}'); cast an operand to bigint");
        }
    }

    public static double[] AsDoubles(Vector v)
    {
        switch (v.Type.Storage)
        {
            case StorageKind.Double: return v.Doubles;
            case StorageKind.Long:
            {
                var d = new double[v.Length];
                for (int i = 0; i < d.Length; i++) d[i] = v.Longs[i];
                return d;
            }
            case StorageKind.Decimal when v.UnscaledDecimals is { } unscaled:
            {
                // The same double as (double)decimal, which also divides the exact integer by the power of ten.
                var d = new double[v.Length];
                double power = Math.Pow(10, v.Type.Scale);
                byte scale = (byte)v.Type.Scale;
                for (int i = 0; i < d.Length; i++)
                {
                    long u = unscaled[i];
                    d[i] = Math.Abs(u) < 1L << 53 ? u / power : (double)DecimalBits.FromScaled(u, scale);
                }
                return d;
            }
            case StorageKind.Decimal:
            {
                var d = new double[v.Length];
                for (int i = 0; i < d.Length; i++) d[i] = (double)v.Decimals[i];
                return d;
            }
            default:
                throw new InvalidOperationException($"cannot use {v.Type} as a number");
        }
    }

    public static Vector Negate(Vector v)
    {
        int n = v.Length;
        var nulls = NullMasks.Copy(v.Nulls);
        switch (v.Type.Storage)
        {
            case StorageKind.Long: { var r = new long[n]; for (int i = 0; i < n; i++) r[i] = -v.Longs[i]; return new Vector(v.Type, r, nulls); }
            case StorageKind.Double: { var r = new double[n]; for (int i = 0; i < n; i++) r[i] = -v.Doubles[i]; return new Vector(v.Type, r, nulls); }
            default: { var r = new decimal[n]; for (int i = 0; i < n; i++) r[i] = -v.Decimals[i]; return new Vector(v.Type, r, nulls); }
        }
    }
}
