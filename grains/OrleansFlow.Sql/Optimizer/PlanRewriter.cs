using System.Runtime.CompilerServices;
using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Optimizer;

/// <summary>Generic plan walks: bottom-up node rewrites and rewriting every expression a node holds.</summary>
public static class PlanRewriter
{
    public static LogicalPlan TransformUp(LogicalPlan plan, Func<LogicalPlan, LogicalPlan> rewrite)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        var children = plan.Children;
        if (children.Count > 0)
        {
            var rewritten = children.Select(c => TransformUp(c, rewrite)).ToList();
            if (!rewritten.SequenceEqual(children, ReferenceEqualityComparer.Instance)) plan = plan.WithChildren(rewritten);
        }
        return rewrite(plan);
    }

    /// <summary>Applies <paramref name="map"/> to each expression directly held by the node.</summary>
    public static LogicalPlan MapExpressions(LogicalPlan plan, Func<BoundExpr, BoundExpr> map) => plan switch
    {
        ScanNode s => s with { Filters = s.Filters.Select(map).ToList() },
        FilterNode f => f with { Predicate = map(f.Predicate) },
        ProjectNode p => p with { Exprs = p.Exprs.Select(map).ToList() },
        AggregateNode a => a with
        {
            Groups = a.Groups.Select(map).ToList(),
            Aggregates = a.Aggregates.Select(c => c.Argument is null ? c : c with { Argument = map(c.Argument) }).ToList(),
        },
        JoinNode j => j with { Condition = j.Condition is null ? null : map(j.Condition) },
        SortNode s => s with { Keys = s.Keys.Select(k => k with { Expr = map(k.Expr) }).ToList() },
        WindowNode w => w with
        {
            PartitionBy = w.PartitionBy.Select(map).ToList(),
            OrderBy = w.OrderBy.Select(k => k with { Expr = map(k.Expr) }).ToList(),
            Functions = w.Functions.Select(f => f with { Args = f.Args.Select(map).ToList() }).ToList(),
        },
        _ => plan,
    };

    /// <summary>Every expression directly held by the node.</summary>
    public static IEnumerable<BoundExpr> Expressions(LogicalPlan plan) => plan switch
    {
        ScanNode s => s.Filters,
        FilterNode f => [f.Predicate],
        ProjectNode p => p.Exprs,
        AggregateNode a => [.. a.Groups, .. a.Aggregates.Where(c => c.Argument is not null).Select(c => c.Argument!)],
        JoinNode { Condition: { } c } => [c],
        SortNode s => s.Keys.Select(k => k.Expr),
        WindowNode w => [.. w.PartitionBy, .. w.OrderBy.Select(k => k.Expr), .. w.Functions.SelectMany(f => f.Args)],
        _ => [],
    };

    /// <summary>Replaces column references by the expressions that define them (for pushing through projections).</summary>
    public static BoundExpr Substitute(BoundExpr e, IReadOnlyDictionary<int, BoundExpr> definitions) =>
        ExprUtil.Rewrite(e, x => x is BoundColumn c && definitions.TryGetValue(c.Id, out var d) ? d : x);
}
