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
            try
            {
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
            }
            catch (OverflowException)
            {
                throw new SqlExecutionException(
                    $"decimal overflow in {OperationName(op)} of {resultType}: the result has more than the 28 digits the engine holds");
            }
            return new Vector(resultType, res, nulls);
        }
        {
            // Long storage: integers, and dates (days) with integer offsets. int operands cannot overflow 64 bits;
            // their results are range-checked afterwards. bigint loops use checked arithmetic: one add/sub/mul
            // plus a never-taken branch per row (measured as fast as the unchecked loop, 4096 rows a vector);
            // the exception, at most one per vector, leads to the slow path that finds the row.
            var a = l.Longs;
            var b = r.Longs;
            var res = new long[n];
            bool wide = resultType.Kind != SqlTypeKind.Int32;
            bool overflow = false;
            if (op == BinaryOp.Modulo)
            {
                long min = wide ? long.MinValue : int.MinValue;
                for (int i = 0; i < n; i++)
                {
                    if (b[i] == 0) (nulls ??= new bool[n])[i] = true;
                    else if (b[i] == -1) { res[i] = 0; overflow |= a[i] == min; }
                    else res[i] = a[i] % b[i];
                }
            }
            else if (!wide) Unchecked(op, a, b, res);
            else
            {
                // The loops live in their own methods: a loop inside a try block keeps its locals on the stack.
                try
                {
                    switch (op)
                    {
                        case BinaryOp.Add: CheckedAdd(a, b, res); break;
                        case BinaryOp.Subtract: CheckedSubtract(a, b, res); break;
                        default: CheckedMultiply(a, b, res); break;
                    }
                }
                catch (OverflowException)
                {
                    overflow = true;
                }
            }
            if (overflow)
            {
                ThrowOnOverflow(op, a, b, nulls, resultType);
                // Only NULL rows overflowed: their values are never read, so wrapping them is harmless.
                if (op != BinaryOp.Modulo) Unchecked(op, a, b, res);
            }
            if (!wide) CheckInt32(op, a, b, res, nulls);
            return new Vector(resultType, res, nulls);
        }
    }

    private static void CheckedAdd(long[] a, long[] b, long[] r) { for (int i = 0; i < r.Length; i++) r[i] = checked(a[i] + b[i]); }
    private static void CheckedSubtract(long[] a, long[] b, long[] r) { for (int i = 0; i < r.Length; i++) r[i] = checked(a[i] - b[i]); }
    private static void CheckedMultiply(long[] a, long[] b, long[] r) { for (int i = 0; i < r.Length; i++) r[i] = checked(a[i] * b[i]); }

    private static void Unchecked(BinaryOp op, long[] a, long[] b, long[] r)
    {
        switch (op)
        {
            case BinaryOp.Add: for (int i = 0; i < r.Length; i++) r[i] = a[i] + b[i]; break;
            case BinaryOp.Subtract: for (int i = 0; i < r.Length; i++) r[i] = a[i] - b[i]; break;
            default: for (int i = 0; i < r.Length; i++) r[i] = a[i] * b[i]; break;
        }
    }

    private static string OperationName(BinaryOp op) => op switch
    {
        BinaryOp.Add => "addition",
        BinaryOp.Subtract => "subtraction",
        BinaryOp.Multiply => "multiplication",
        _ => "modulo",
    };

    private static string Hint(SqlType type) => type.Kind == SqlTypeKind.Int32 ? "; cast an operand to bigint" : "";

    private static SqlExecutionException Overflow(BinaryOp op, SqlType type, long x, long y) =>
        new($"integer overflow in {OperationName(op)} of {type} ({x} {Logical.BoundBinary.Symbol(op)} {y}){Hint(type)}");

    /// <summary>The slow path after a vector overflowed: the first non-NULL row whose exact result does not fit
    /// is the error (an overflow in a NULL row is harmless; its value is never read).</summary>
    private static void ThrowOnOverflow(BinaryOp op, long[] a, long[] b, bool[]? nulls, SqlType type)
    {
        Int128 min = type.Kind == SqlTypeKind.Int32 ? int.MinValue : long.MinValue;
        Int128 max = type.Kind == SqlTypeKind.Int32 ? int.MaxValue : long.MaxValue;
        for (int i = 0; i < a.Length; i++)
        {
            if (nulls is not null && nulls[i]) continue;
            Int128 x = a[i], y = b[i];
            Int128 exact = op switch
            {
                BinaryOp.Add => x + y,
                BinaryOp.Subtract => x - y,
                BinaryOp.Multiply => x * y,
                _ => y == -1 ? -x : 0,   // x % -1 is 0, but DuckDB (like the hardware) fails on the smallest x
            };
            if (exact < min || exact > max) throw Overflow(op, type, a[i], b[i]);
        }
    }

    /// <summary>As in DuckDB, an int result that does not fit is an error, not a wrapped value.</summary>
    private static void CheckInt32(BinaryOp op, long[] a, long[] b, long[] values, bool[]? nulls)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is < int.MinValue or > int.MaxValue && (nulls is null || !nulls[i]))
                throw Overflow(op, SqlType.Int32, a[i], b[i]);
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
            case StorageKind.Long:
            {
                var x = v.Longs;
                var r = new long[n];
                long overflow = 0;
                // -x overflows only for the smallest value, the one x with both x and -x negative.
                for (int i = 0; i < n; i++) { r[i] = -x[i]; overflow |= x[i] & r[i]; }
                long min = v.Type.Kind == SqlTypeKind.Int32 ? int.MinValue : long.MinValue;
                if (overflow < 0 || v.Type.Kind == SqlTypeKind.Int32)
                {
                    for (int i = 0; i < n; i++)
                    {
                        if (x[i] == min && (nulls is null || !nulls[i]))
                            throw new SqlExecutionException($"integer overflow in negation of {v.Type} (-({x[i]})){Hint(v.Type)}");
                    }
                }
                return new Vector(v.Type, r, nulls);
            }
            case StorageKind.Double: { var r = new double[n]; for (int i = 0; i < n; i++) r[i] = -v.Doubles[i]; return new Vector(v.Type, r, nulls); }
            default: { var r = new decimal[n]; for (int i = 0; i < n; i++) r[i] = -v.Decimals[i]; return new Vector(v.Type, r, nulls); }
        }
    }
}
