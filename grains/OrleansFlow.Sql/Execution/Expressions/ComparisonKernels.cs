using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Expressions;

/// <summary>= &lt;&gt; &lt; &lt;= &gt; &gt;= over two vectors of the same type; NULL if either side is NULL.</summary>
internal static class ComparisonKernels
{
    public static Vector Compare(BinaryOp op, Vector l, Vector r)
    {
        int n = l.Length;
        var nulls = NullMasks.Union(l.Nulls, r.Nulls, n);
        var res = new long[n];
        switch (l.Type.Storage)
        {
            case StorageKind.Long:
            {
                var a = l.Longs; var b = r.Longs;
                switch (op)
                {
                    case BinaryOp.Eq: for (int i = 0; i < n; i++) res[i] = a[i] == b[i] ? 1 : 0; break;
                    case BinaryOp.NotEq: for (int i = 0; i < n; i++) res[i] = a[i] != b[i] ? 1 : 0; break;
                    case BinaryOp.Lt: for (int i = 0; i < n; i++) res[i] = a[i] < b[i] ? 1 : 0; break;
                    case BinaryOp.LtEq: for (int i = 0; i < n; i++) res[i] = a[i] <= b[i] ? 1 : 0; break;
                    case BinaryOp.Gt: for (int i = 0; i < n; i++) res[i] = a[i] > b[i] ? 1 : 0; break;
                    default: for (int i = 0; i < n; i++) res[i] = a[i] >= b[i] ? 1 : 0; break;
                }
                break;
            }
            case StorageKind.Double:
            {
                var a = l.Doubles; var b = r.Doubles;
                for (int i = 0; i < n; i++) res[i] = Holds(op, a[i].CompareTo(b[i])) ? 1 : 0;
                break;
            }
            case StorageKind.Decimal:
            {
                if (UnscaledDecimalKernels.TryCompare(op, l, r) is { } fast) return fast;
                var a = l.Decimals; var b = r.Decimals;
                for (int i = 0; i < n; i++) res[i] = Holds(op, a[i].CompareTo(b[i])) ? 1 : 0;
                break;
            }
            default:
            {
                var a = l.Strings; var b = r.Strings;
                for (int i = 0; i < n; i++)
                {
                    if (nulls is not null && nulls[i]) continue;
                    res[i] = Holds(op, Text.Compare(a[i], b[i])) ? 1 : 0;
                }
                break;
            }
        }
        return new Vector(SqlType.Boolean, res, nulls);
    }

    public static bool Holds(BinaryOp op, int c) => op switch
    {
        BinaryOp.Eq => c == 0,
        BinaryOp.NotEq => c != 0,
        BinaryOp.Lt => c < 0,
        BinaryOp.LtEq => c <= 0,
        BinaryOp.Gt => c > 0,
        _ => c >= 0,
    };
}
