using System.Runtime.CompilerServices;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Logical;

/// <summary>Walks and rewrites bound expressions.</summary>
public static class ExprUtil
{
    public static void CollectColumnIds(BoundExpr e, HashSet<int> into)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        if (e is BoundColumn c) into.Add(c.Id);
        foreach (var child in e.Children) CollectColumnIds(child, into);
    }

    public static HashSet<int> ColumnIds(BoundExpr e)
    {
        var set = new HashSet<int>();
        CollectColumnIds(e, set);
        return set;
    }

    public static bool Any(BoundExpr e, Func<BoundExpr, bool> predicate)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        if (predicate(e)) return true;
        foreach (var child in e.Children) if (Any(child, predicate)) return true;
        return false;
    }

    /// <summary>Bottom-up rewrite: children first, then <paramref name="rewrite"/> on the rebuilt node.</summary>
    public static BoundExpr Rewrite(BoundExpr e, Func<BoundExpr, BoundExpr> rewrite)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        var children = e.Children.ToList();
        if (children.Count > 0)
        {
            var rewritten = new List<BoundExpr>(children.Count);
            bool changed = false;
            foreach (var c in children)
            {
                var r = Rewrite(c, rewrite);
                changed |= !ReferenceEquals(r, c);
                rewritten.Add(r);
            }
            if (changed) e = e.WithChildren(rewritten);
        }
        return rewrite(e);
    }

    public static List<BoundExpr> SplitConjuncts(BoundExpr? e)
    {
        var list = new List<BoundExpr>();
        void Walk(BoundExpr x)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
            if (x is BoundBinary { Op: BinaryOp.And } b) { Walk(b.Left); Walk(b.Right); }
            else list.Add(x);
        }
        if (e is not null) Walk(e);
        return list;
    }

    public static BoundExpr? Conjunction(IEnumerable<BoundExpr> parts)
    {
        BoundExpr? result = null;
        foreach (var p in parts)
            result = result is null ? p : new BoundBinary(BinaryOp.And, result, p, SqlType.Boolean);
        return result;
    }

    public static bool IsTrue(BoundExpr e) => e is BoundConstant { Value: long v } c && c.Type.Kind == SqlTypeKind.Boolean && v != 0;
}
