using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Expressions;

/// <summary>CAST between types. Numeric casts round half away from zero; bad text raises a clear error.</summary>
internal static class CastKernel
{
    public static Vector Cast(Vector v, SqlType to)
    {
        var from = v.Type;
        int n = v.Length;
        if (from == to) return v;
        var nulls = NullMasks.Copy(v.Nulls);
        if (from.Kind == SqlTypeKind.Null) return Vector.Constant(to, null, n);
        switch (from.Storage, to.Storage)
        {
            case (StorageKind.Long, StorageKind.Long) when to.Kind != SqlTypeKind.Date && from.Kind != SqlTypeKind.Date:
            {
                var r = new long[n];
                for (int i = 0; i < n; i++)
                {
                    long x = v.Longs[i];
                    if (to.Kind == SqlTypeKind.Boolean) x = x != 0 ? 1 : 0;
                    else if (to.Kind == SqlTypeKind.Int32 && (x < int.MinValue || x > int.MaxValue) && !(nulls?[i] ?? false))
                        throw new SqlExecutionException($"cannot cast {x} to int: out of range");
                    r[i] = x;
                }
                return new Vector(to, r, nulls);
            }
            case (StorageKind.Long, StorageKind.Double):
                return new Vector(to, ArithmeticKernels.AsDoubles(v), nulls);
            case (StorageKind.Long, StorageKind.Decimal):
            {
                var r = new decimal[n];
                for (int i = 0; i < n; i++) r[i] = v.Longs[i];
                return new Vector(to, r, nulls);
            }
            case (StorageKind.Decimal, StorageKind.Decimal) when WidenUnscaled(v, to, nulls) is { } widened:
                return widened;
            case (StorageKind.Decimal, StorageKind.Decimal):
            {
                var r = new decimal[n];
                for (int i = 0; i < n; i++) r[i] = to.Scale < from.Scale ? Math.Round(v.Decimals[i], to.Scale, MidpointRounding.AwayFromZero) : v.Decimals[i];
                return new Vector(to, r, nulls);
            }
            case (StorageKind.Decimal, StorageKind.Double):
                return new Vector(to, ArithmeticKernels.AsDoubles(v), nulls);
        }
        // The remaining conversions (text, double→decimal/int, decimal→int) go value by value.
        var result = new Vector(to, n, nulls);
        for (int i = 0; i < n; i++)
        {
            if (nulls is not null && nulls[i]) continue;
            var value = StorageValue(v, i);
            if (!ValueConversion.TryConvert(value, from, to, out var converted) || converted is null)
                throw new SqlExecutionException($"cannot cast {(value is string s ? $"'{s}'" : ValueConversion.ToText(value, from))} from {from} to {to}");
            Store(result, i, converted);
        }
        return result;
    }

    public static object StorageValue(Vector v, int i) => v.Type.Storage switch
    {
        StorageKind.Long => v.Longs[i],
        StorageKind.Double => v.Doubles[i],
        StorageKind.Decimal => v.Decimals[i],
        _ => v.Strings[i]!,
    };

    public static void Store(Vector v, int i, object value)
    {
        switch (v.Type.Storage)
        {
            case StorageKind.Long: v.Longs[i] = (long)value; break;
            case StorageKind.Double: v.Doubles[i] = (double)value; break;
            case StorageKind.Decimal: v.Decimals[i] = (decimal)value; break;
            default: v.Strings[i] = (string)value; break;
        }
    }

    /// <summary>
    /// Widening a decimal read from Parquet keeps it unscaled (see <see cref="Vector.Decimals"/>); null when it is
    /// not unscaled, narrows, or does not fit 64 bits at the new scale.
    /// </summary>
    private static Vector? WidenUnscaled(Vector v, SqlType to, bool[]? nulls)
    {
        if (v.UnscaledDecimals is not { } unscaled || to.Scale < v.Type.Scale) return null;
        var r = new long[unscaled.Length];
        int digits = to.Scale - v.Type.Scale;
        for (int i = 0; i < r.Length; i++)
            if (!DecimalBits.TryRescale(unscaled[i], digits, out r[i])) return null;
        return Vector.FromUnscaledDecimals(to, r, nulls);
    }
}
