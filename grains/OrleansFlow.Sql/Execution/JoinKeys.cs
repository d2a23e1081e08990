using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Parsing;

namespace OrleansFlow.Sql.Execution;

/// <summary>A join condition split into equi-join key pairs (left expr = right expr) and the rest.</summary>
public sealed record JoinKeys(IReadOnlyList<BoundExpr> Left, IReadOnlyList<BoundExpr> Right, BoundExpr? Residual)
{
    public static JoinKeys Extract(JoinNode join)
    {
        var leftIds = join.Left.Output.Select(c => c.Id).ToHashSet();
        var rightIds = join.Right.Output.Select(c => c.Id).ToHashSet();
        var left = new List<BoundExpr>();
        var right = new List<BoundExpr>();
        var rest = new List<BoundExpr>();
        foreach (var conjunct in ExprUtil.SplitConjuncts(join.Condition))
        {
            if (conjunct is BoundBinary { Op: BinaryOp.Eq } eq)
            {
                var a = ExprUtil.ColumnIds(eq.Left);
                var b = ExprUtil.ColumnIds(eq.Right);
                if (a.Count > 0 && b.Count > 0 && a.IsSubsetOf(leftIds) && b.IsSubsetOf(rightIds))
                {
                    left.Add(eq.Left);
                    right.Add(eq.Right);
                    continue;
                }
                if (a.Count > 0 && b.Count > 0 && a.IsSubsetOf(rightIds) && b.IsSubsetOf(leftIds))
                {
                    left.Add(eq.Right);
                    right.Add(eq.Left);
                    continue;
                }
            }
            rest.Add(conjunct);
        }
        return new JoinKeys(left, right, ExprUtil.Conjunction(rest));
    }
}
