using System.Text;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Expressions;

/// <summary>The scalar functions the binder accepts (see Binder.Functions), evaluated over whole vectors.</summary>
internal static class ScalarFunctions
{
    public static Vector Evaluate(string name, Vector[] args, SqlType type, int n)
    {
        switch (name)
        {
            case "coalesce": return Coalesce(args, type, n);
            case "greatest":
            case "least": return Extreme(args, type, n, name == "greatest");
            case "nullif":
            {
                var eq = ComparisonKernels.Compare(Parsing.BinaryOp.Eq, args[0], args[1]);
                var result = args[0].Gather(Identity(n));
                for (int i = 0; i < n; i++) if (!eq.IsNull(i) && eq.Longs[i] != 0) result.SetNull(i);
                return result;
            }
            case "concat":
            {
                var r = new string?[n];
                var sb = new StringBuilder();
                for (int i = 0; i < n; i++)
                {
                    sb.Clear();
                    foreach (var a in args) if (!a.IsNull(i)) sb.Append(a.Strings[i]);
                    r[i] = sb.ToString();
                }
                return new Vector(type, r, null);
            }
        }
        // Every other function is NULL when any argument is NULL.
        bool[]? nulls = null;
        foreach (var a in args) nulls = NullMasks.Union(nulls, a.Nulls, n);
        var result2 = new Vector(type, n, nulls);
        for (int i = 0; i < n; i++)
        {
            if (nulls is not null && nulls[i]) continue;
            EvaluateRow(name, args, result2, i);
        }
        return result2;
    }

    private static void EvaluateRow(string name, Vector[] a, Vector r, int i)
    {
        switch (name)
        {
            case "abs":
                switch (r.Type.Storage)
                {
                    case StorageKind.Long:
                    {
                        long x = a[0].Longs[i];
                        if (x == (r.Type.Kind == SqlTypeKind.Int32 ? int.MinValue : long.MinValue))
                            throw new SqlExecutionException($"integer overflow in abs of {r.Type} (abs({x}))");
                        r.Longs[i] = Math.Abs(x);
                        break;
                    }
                    case StorageKind.Double: r.Doubles[i] = Math.Abs(a[0].Doubles[i]); break;
                    default: r.Decimals[i] = Math.Abs(a[0].Decimals[i]); break;
                }
                break;
            case "round":
            {
                int digits = (int)a[1].Longs[i];
                switch (r.Type.Storage)
                {
                    case StorageKind.Long: r.Longs[i] = a[0].Longs[i]; break;
                    case StorageKind.Double:
                    {
                        // As DuckDB: scale, round half away from zero, unscale.
                        double p = Math.Pow(10, digits);
                        r.Doubles[i] = Math.Round(a[0].Doubles[i] * p, MidpointRounding.AwayFromZero) / p;
                        break;
                    }
                    default: r.Decimals[i] = Math.Round(a[0].Decimals[i], Math.Max(digits, 0), MidpointRounding.AwayFromZero); break;
                }
                break;
            }
            case "upper": r.Strings[i] = Text.Upper(a[0].Strings[i]!); break;
            case "lower": r.Strings[i] = Text.Lower(a[0].Strings[i]!); break;
            case "trim": r.Strings[i] = a[0].Strings[i]!.Trim(' '); break;
            case "ltrim": r.Strings[i] = a[0].Strings[i]!.TrimStart(' '); break;
            case "rtrim": r.Strings[i] = a[0].Strings[i]!.TrimEnd(' '); break;
            case "reverse": r.Strings[i] = Text.Reverse(a[0].Strings[i]!); break;
            case "length": r.Longs[i] = Text.Length(a[0].Strings[i]!); break;
            case "substring":
            {
                long offset = SubstringBound(a[1].Longs[i], "offset");
                long? length = a.Length > 2 ? SubstringBound(a[2].Longs[i], "length") : null;
                r.Strings[i] = Text.Substring(a[0].Strings[i]!, offset, length);
                break;
            }
            case "replace":
                r.Strings[i] = a[1].Strings[i]!.Length == 0 ? a[0].Strings[i] : a[0].Strings[i]!.Replace(a[1].Strings[i]!, a[2].Strings[i], StringComparison.Ordinal);
                break;
            case "starts_with": r.Longs[i] = a[0].Strings[i]!.StartsWith(a[1].Strings[i]!, StringComparison.Ordinal) ? 1 : 0; break;
            case "contains": r.Longs[i] = a[0].Strings[i]!.Contains(a[1].Strings[i]!, StringComparison.Ordinal) ? 1 : 0; break;
            case "year": r.Longs[i] = Dates.FromDays(a[0].Longs[i]).Year; break;
            case "month": r.Longs[i] = Dates.FromDays(a[0].Longs[i]).Month; break;
            case "day": r.Longs[i] = Dates.FromDays(a[0].Longs[i]).Day; break;
            case "add_months": r.Longs[i] = Dates.AddMonths(a[0].Longs[i], a[1].Longs[i]); break;
            case "date_diff_days": r.Longs[i] = a[1].Longs[i] - a[0].Longs[i]; break;
            default: throw new SqlExecutionException($"function {name}() has no implementation");
        }
    }

    // DuckDB's limits; they also keep offset + length from overflowing.
    private static long SubstringBound(long value, string what) => value switch
    {
        > uint.MaxValue => throw new SqlExecutionException($"substring {what} {value} is outside the supported range (> 4294967295)"),
        < -(1L << 32) => throw new SqlExecutionException($"substring {what} {value} is outside the supported range (< -4294967296)"),
        _ => value,
    };

    private static Vector Coalesce(Vector[] args, SqlType type, int n)
    {
        var result = new Vector(type, n);
        for (int i = 0; i < n; i++)
        {
            int k = 0;
            while (k < args.Length && args[k].IsNull(i)) k++;
            if (k == args.Length) result.SetNull(i);
            else result.CopyFrom(args[k], i, i);
        }
        return result;
    }

    private static Vector Extreme(Vector[] args, SqlType type, int n, bool greatest)
    {
        var result = new Vector(type, n);
        for (int i = 0; i < n; i++)
        {
            int best = -1;
            for (int k = 0; k < args.Length; k++)
            {
                if (args[k].IsNull(i)) continue;
                if (best < 0) { best = k; continue; }
                int c = RowComparer.CompareValues(args[k], i, args[best], i);
                if (greatest ? c > 0 : c < 0) best = k;
            }
            if (best < 0) result.SetNull(i);
            else result.CopyFrom(args[best], i, i);
        }
        return result;
    }

    private static int[] Identity(int n)
    {
        var a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }
}
