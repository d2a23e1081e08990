using System.Runtime.CompilerServices;
using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Optimizer;

/// <summary>
/// Moves filter conjuncts (after factoring common parts out of ORs) as far down as they stay correct: through projections (substituting definitions),
/// into join conditions (turning cross joins into inner joins), to the side of a join that alone supplies their
/// columns (where the join type allows), below aggregates when they only touch group keys, below windows when they only touch partition keys, and into scans.
/// </summary>
public sealed class PredicatePushdown : IOptimizerRule
{
    public string Name => "predicate pushdown";

    public LogicalPlan Apply(LogicalPlan plan, ColumnIdGenerator ids) => Push(plan, []);

    private static LogicalPlan Push(LogicalPlan plan, List<BoundExpr> predicates)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        switch (plan)
        {
            case FilterNode f:
                return Push(f.Input, [.. predicates, .. ExprUtil.SplitConjuncts(f.Predicate).SelectMany(OrFactoring.Factor)]);

            case ScanNode s:
                return predicates.Count == 0 ? s : s with { Filters = [.. s.Filters, .. predicates] };

            case ProjectNode p:
            {
                var definitions = new Dictionary<int, BoundExpr>();
                for (int i = 0; i < p.Columns.Count; i++) definitions[p.Columns[i].Id] = p.Exprs[i];
                var pushed = predicates.Select(x => PlanRewriter.Substitute(x, definitions)).ToList();
                return p with { Input = Push(p.Input, pushed) };
            }

            case SortNode s:
                return s with { Input = Push(s.Input, predicates) };

            case AggregateNode a when a.GroupingSets is null:
            {
                var definitions = new Dictionary<int, BoundExpr>();
                for (int i = 0; i < a.Groups.Count; i++) definitions[a.Columns[i].Id] = a.Groups[i];
                var below = new List<BoundExpr>();
                var above = new List<BoundExpr>();
                foreach (var x in predicates)
                {
                    var used = ExprUtil.ColumnIds(x);
                    if (used.Count > 0 && used.All(definitions.ContainsKey)) below.Add(PlanRewriter.Substitute(x, definitions));
                    else above.Add(x);
                }
                return Wrap(a with { Input = Push(a.Input, below) }, above);
            }

            case JoinNode j:
                return PushJoin(j, predicates);

            case WindowNode w:
            {
                // A filter on partition keys alone removes whole partitions, which changes no other partition's
                // results; any other filter (on window results, or cutting into partitions) stays above.
                var keys = w.PartitionBy.OfType<BoundColumn>().Select(c => c.Id).ToHashSet();
                var below = new List<BoundExpr>();
                var above = new List<BoundExpr>();
                foreach (var x in predicates)
                {
                    var used = ExprUtil.ColumnIds(x);
                    (used.Count > 0 && used.IsSubsetOf(keys) ? below : above).Add(x);
                }
                return Wrap(w with { Input = Push(w.Input, below) }, above);
            }

            default:
            {
                var children = plan.Children.Select(c => Push(c, [])).ToList();
                return Wrap(children.Count == 0 ? plan : plan.WithChildren(children), predicates);
            }
        }
    }

    private static LogicalPlan PushJoin(JoinNode j, List<BoundExpr> predicates)
    {
        var leftIds = j.Left.Output.Select(c => c.Id).ToHashSet();
        var rightIds = j.Right.Output.Select(c => c.Id).ToHashSet();
        bool innerLike = j.Type is JoinType.Inner or JoinType.Cross;
        // Filters above the join may go to a side whose rows the join does not pad with NULLs.
        bool leftOpen = j.Type is JoinType.Inner or JoinType.Cross or JoinType.Left or JoinType.Semi or JoinType.Anti;
        bool rightOpen = j.Type is JoinType.Inner or JoinType.Cross or JoinType.Right;

        var toLeft = new List<BoundExpr>();
        var toRight = new List<BoundExpr>();
        var condition = new List<BoundExpr>();
        var above = new List<BoundExpr>();

        foreach (var x in predicates)
        {
            var used = ExprUtil.ColumnIds(x);
            if (used.Count > 0 && used.IsSubsetOf(leftIds) && leftOpen) toLeft.Add(x);
            else if (used.Count > 0 && used.IsSubsetOf(rightIds) && rightOpen) toRight.Add(x);
            else if (innerLike && used.Count > 0) condition.Add(x);
            else above.Add(x);
        }
        // Conjuncts of the join's own condition: one-sided ones move into the side they filter,
        // when that side's unmatched rows are not kept by the join.
        foreach (var x in ExprUtil.SplitConjuncts(j.Condition))
        {
            var used = ExprUtil.ColumnIds(x);
            bool onlyLeft = used.Count > 0 && used.IsSubsetOf(leftIds);
            bool onlyRight = used.Count > 0 && used.IsSubsetOf(rightIds);
            if (onlyLeft && j.Type is JoinType.Inner or JoinType.Cross or JoinType.Right or JoinType.Semi) toLeft.Add(x);
            else if (onlyRight && j.Type is JoinType.Inner or JoinType.Cross or JoinType.Left or JoinType.Semi or JoinType.Anti) toRight.Add(x);
            else condition.Add(x);
        }
        var type = j.Type == JoinType.Cross && condition.Count > 0 ? JoinType.Inner : j.Type;
        var join = new JoinNode(Push(j.Left, toLeft), Push(j.Right, toRight), type, ExprUtil.Conjunction(condition));
        return Wrap(join, above);
    }

    private static LogicalPlan Wrap(LogicalPlan plan, List<BoundExpr> predicates) =>
        predicates.Count == 0 ? plan : new FilterNode(plan, ExprUtil.Conjunction(predicates)!);
}
