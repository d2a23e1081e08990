using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Optimizer;

/// <summary>Runs the logical rules in order, including inside subquery plans.</summary>
public static class LogicalOptimizer
{
    public static IReadOnlyList<IOptimizerRule> DefaultRules { get; } =
    [
        new ConstantFolding(),
        new PredicatePushdown(),
        new JoinReordering(),
        new PredicatePushdown(),
        new ProjectionPushdown(),
    ];

    public static LogicalPlan Optimize(LogicalPlan plan, ColumnIdGenerator ids, IReadOnlyList<IOptimizerRule>? rules = null)
    {
        // Correlated subqueries become joins first, so that what remains inside expressions is uncorrelated.
        plan = new Decorrelation().Apply(plan, ids);
        plan = OptimizeSubqueries(plan, ids, rules);
        foreach (var rule in rules ?? DefaultRules) plan = rule.Apply(plan, ids);
        return plan;
    }

    private static LogicalPlan OptimizeSubqueries(LogicalPlan plan, ColumnIdGenerator ids, IReadOnlyList<IOptimizerRule>? rules) =>
        PlanRewriter.TransformUp(plan, node => PlanRewriter.MapExpressions(node, e => ExprUtil.Rewrite(e, x => x switch
        {
            BoundScalarSubquery s => s with { Plan = Optimize(s.Plan, ids, rules) },
            BoundInSubquery s => s with { Plan = Optimize(s.Plan, ids, rules) },
            BoundExists s => s with { Plan = Optimize(s.Plan, ids, rules) },
            _ => x,
        })));
}
