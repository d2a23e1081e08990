using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Expressions;

/// <summary>Three-valued AND / OR / NOT over boolean vectors (values 0/1 plus null mask).</summary>
internal static class LogicKernels
{
    public static Vector And(Vector l, Vector r)
    {
        int n = l.Length;
        var res = new long[n];
        bool[]? nulls = null;
        for (int i = 0; i < n; i++)
        {
            bool ln = l.IsNull(i), rn = r.IsNull(i);
            bool lf = !ln && l.Longs[i] == 0, rf = !rn && r.Longs[i] == 0;
            if (lf || rf) continue;                       // FALSE AND anything = FALSE
            if (ln || rn) (nulls ??= new bool[n])[i] = true;
            else res[i] = 1;
        }
        return new Vector(SqlType.Boolean, res, nulls);
    }

    public static Vector Or(Vector l, Vector r)
    {
        int n = l.Length;
        var res = new long[n];
        bool[]? nulls = null;
        for (int i = 0; i < n; i++)
        {
            bool ln = l.IsNull(i), rn = r.IsNull(i);
            bool lt = !ln && l.Longs[i] != 0, rt = !rn && r.Longs[i] != 0;
            if (lt || rt) { res[i] = 1; continue; }       // TRUE OR anything = TRUE
            if (ln || rn) (nulls ??= new bool[n])[i] = true;
        }
        return new Vector(SqlType.Boolean, res, nulls);
    }

    public static Vector Not(Vector v)
    {
        var res = new long[v.Length];
        for (int i = 0; i < res.Length; i++) res[i] = v.Longs[i] == 0 ? 1 : 0;
        return new Vector(SqlType.Boolean, res, NullMasks.Copy(v.Nulls));
    }

    /// <summary>Row indices where the predicate is TRUE (not FALSE, not NULL).</summary>
    public static int[] Selection(Vector predicate, out bool all)
    {
        int n = predicate.Length, count = 0;
        var sel = new int[n];
        var values = predicate.Longs;
        var nulls = predicate.Nulls;
        for (int i = 0; i < n; i++)
        {
            if (values[i] != 0 && (nulls is null || !nulls[i])) sel[count++] = i;
        }
        all = count == n;
        return count == n ? sel : sel[..count];
    }
}
