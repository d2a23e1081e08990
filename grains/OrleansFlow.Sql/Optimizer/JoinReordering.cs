using System.Runtime.CompilerServices;
using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Optimizer;

/// <summary>
/// Reorders trees of inner / cross joins (comma joins) greedily: the largest input is the probe side, then of the
/// inputs connected to what is joined so far the most filtered one is added as the build side (smallest first
/// among equals), so fact tables stream, dimension tables are hashed, and a selective dimension (30 days of
/// date_dim) thins the stream before unfiltered ones (all stores) are joined. Inputs with no connecting
/// condition come last.
/// </summary>
public sealed class JoinReordering : IOptimizerRule
{
    public string Name => "join reordering";

    public LogicalPlan Apply(LogicalPlan plan, ColumnIdGenerator ids) => Reorder(plan);

    private static LogicalPlan Reorder(LogicalPlan plan)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        if (plan is JoinNode { Type: JoinType.Inner or JoinType.Cross } join)
        {
            var leaves = new List<LogicalPlan>();
            var conjuncts = new List<BoundExpr>();
            Flatten(join, leaves, conjuncts);
            if (leaves.Count > 2) return Greedy(leaves.Select(Reorder).ToList(), conjuncts);
        }
        var children = plan.Children.Select(Reorder).ToList();
        return children.Count == 0 ? plan : plan.WithChildren(children);
    }

    private static void Flatten(LogicalPlan plan, List<LogicalPlan> leaves, List<BoundExpr> conjuncts)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        if (plan is JoinNode { Type: JoinType.Inner or JoinType.Cross } j)
        {
            Flatten(j.Left, leaves, conjuncts);
            Flatten(j.Right, leaves, conjuncts);
            conjuncts.AddRange(ExprUtil.SplitConjuncts(j.Condition));
        }
        else leaves.Add(plan);
    }

    private static LogicalPlan Greedy(List<LogicalPlan> leaves, List<BoundExpr> conjuncts)
    {
        var remaining = new List<LogicalPlan>(leaves);
        var pending = new List<BoundExpr>(conjuncts);
        var current = remaining.MaxBy(Cardinality.Estimate)!;
        remaining.Remove(current);
        var joinedIds = current.Output.Select(c => c.Id).ToHashSet();
        while (remaining.Count > 0)
        {
            var connected = remaining.Where(r => pending.Any(c => Connects(c, joinedIds, r))).ToList();
            var next = (connected.Count > 0 ? connected : remaining)
                .OrderBy(Cardinality.Selectivity).ThenBy(Cardinality.Estimate).First();
            remaining.Remove(next);
            joinedIds.UnionWith(next.Output.Select(c => c.Id));
            var applicable = pending.Where(c => ExprUtil.ColumnIds(c).IsSubsetOf(joinedIds)).ToList();
            pending.RemoveAll(applicable.Contains);
            current = new JoinNode(current, next, applicable.Count > 0 ? JoinType.Inner : JoinType.Cross, ExprUtil.Conjunction(applicable));
        }
        return pending.Count == 0 ? current : new FilterNode(current, ExprUtil.Conjunction(pending)!);
    }

    private static bool Connects(BoundExpr conjunct, HashSet<int> joined, LogicalPlan candidate)
    {
        var used = ExprUtil.ColumnIds(conjunct);
        var candidateIds = candidate.Output.Select(c => c.Id).ToHashSet();
        return used.Overlaps(joined) && used.Overlaps(candidateIds) && used.IsSubsetOf(joined.Union(candidateIds));
    }
}
