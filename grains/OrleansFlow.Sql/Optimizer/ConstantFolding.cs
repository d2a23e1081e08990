using OrleansFlow.Sql.Execution;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Optimizer;

/// <summary>
/// Evaluates column-free subexpressions once at plan time (e.g. <c>date '2000-08-23' + 30</c>), simplifies
/// AND/OR with constant sides and drops filters that are always true.
/// </summary>
public sealed class ConstantFolding : IOptimizerRule
{
    public string Name => "constant folding";

    public LogicalPlan Apply(LogicalPlan plan, ColumnIdGenerator ids) =>
        PlanRewriter.TransformUp(plan, node =>
        {
            node = PlanRewriter.MapExpressions(node, Fold);
            return node is FilterNode f && ExprUtil.IsTrue(f.Predicate) ? f.Input : node;
        });

    public static BoundExpr Fold(BoundExpr e) => ExprUtil.Rewrite(e, Simplify);

    private static BoundExpr Simplify(BoundExpr e)
    {
        if (e is BoundBinary { Op: BinaryOp.And or BinaryOp.Or } b)
        {
            bool isAnd = b.Op == BinaryOp.And;
            foreach (var (side, other) in new[] { (b.Left, b.Right), (b.Right, b.Left) })
            {
                if (side is BoundConstant { Value: long v })
                    return (v != 0) == isAnd ? other : side;   // TRUE AND x = x; FALSE AND x = FALSE; FALSE OR x = x; TRUE OR x = TRUE
            }
        }
        if (e is BoundConstant || !IsFoldable(e)) return e;
        try
        {
            var compiled = new LocalPlanner().Compiler([]).Compile(e);
            var v = compiled(new Batch([], 1));
            return new BoundConstant(v.IsNull(0) ? null : Execution.Expressions.CastKernel.StorageValue(v, 0), e.Type);
        }
        catch (SqlExecutionException)
        {
            return e;   // leave the error for run time, where it belongs
        }
    }

    private static bool IsFoldable(BoundExpr e) =>
        !ExprUtil.Any(e, x => x is BoundColumn or BoundOuterColumn or BoundScalarSubquery or BoundInSubquery or BoundExists);
}
