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
            var a = l.Decimals;
            var b = r.Decimals;
            var res = new decimal[n];
            bool[]? ns = nulls;
            for (int i = 0; i < n; i++)
            {
                if (ns is not null && ns[i]) continue;
                switch (op)
                {
                    case BinaryOp.Add: res[i] = a[i] + b[i]; break;
                    case BinaryOp.Subtract: res[i] = a[i] - b[i]; break;
                    case BinaryOp.Multiply: res[i] = a[i] * b[i]; break;
                    default:
                        if (b[i] == 0) (ns ??= new bool[n])[i] = true;
                        else res[i] = a[i] % b[i];
                        break;
                }
            }
            return new Vector(resultType, res, ns);
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
            return new Vector(resultType, res, nulls);
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
