using System.Runtime.CompilerServices;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Optimizer;

/// <summary>
/// Pulls conjuncts common to every branch out of an OR: <c>(a AND b) OR (a AND c)</c> becomes
/// <c>a AND (b OR c)</c>. TPC-H q19 repeats its join condition in each branch; factored out it becomes a hash
/// join key instead of a filter over a cross product.
/// </summary>
public static class OrFactoring
{
    public static List<BoundExpr> Factor(BoundExpr e)
    {
        if (e is not BoundBinary { Op: BinaryOp.Or }) return [e];
        var branches = Disjuncts(e).Select(ExprUtil.SplitConjuncts).ToList();
        var common = new List<BoundExpr>();
        var commonText = new HashSet<string>();
        foreach (var c in branches[0])
        {
            string text = c.ToString();
            if (!commonText.Contains(text) && branches.Skip(1).All(b => b.Any(x => x.ToString() == text)))
            {
                common.Add(c);
                commonText.Add(text);
            }
        }
        if (common.Count == 0) return [e];
        var rests = branches.Select(b => ExprUtil.Conjunction(b.Where(c => !commonText.Contains(c.ToString())))).ToList();
        // A branch that is nothing but the common part makes the whole OR true once the common part holds.
        if (rests.Any(r => r is null)) return common;
        BoundExpr? disjunction = null;
        foreach (var r in rests) disjunction = disjunction is null ? r : new BoundBinary(BinaryOp.Or, disjunction, r!, SqlType.Boolean);
        return [.. common, disjunction!];
    }

    private static List<BoundExpr> Disjuncts(BoundExpr e)
    {
        var list = new List<BoundExpr>();
        void Walk(BoundExpr x)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
            if (x is BoundBinary { Op: BinaryOp.Or } b) { Walk(b.Left); Walk(b.Right); }
            else list.Add(x);
        }
        Walk(e);
        return list;
    }
}
