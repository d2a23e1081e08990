using System.Runtime.CompilerServices;
using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Optimizer;

/// <summary>
/// Removes columns nobody above uses: scans read only the columns needed (at least one, to keep row counts)
/// and projections drop unused expressions. The root keeps all its output columns.
/// </summary>
public sealed class ProjectionPushdown : IOptimizerRule
{
    public string Name => "projection pushdown";

    public LogicalPlan Apply(LogicalPlan plan, ColumnIdGenerator ids) => Prune(plan, plan.Output.Select(c => c.Id).ToHashSet());

    private static LogicalPlan Prune(LogicalPlan plan, HashSet<int> required)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        switch (plan)
        {
            case ScanNode s:
            {
                var needed = new HashSet<int>(required);
                foreach (var f in s.Filters) ExprUtil.CollectColumnIds(f, needed);
                var keep = Enumerable.Range(0, s.Columns.Count).Where(i => needed.Contains(s.Columns[i].Id)).ToList();
                if (keep.Count == 0) keep.Add(0);
                if (keep.Count == s.Columns.Count) return s;
                return s with { Columns = keep.Select(i => s.Columns[i]).ToList(), TableColumns = keep.Select(i => s.TableColumns[i]).ToList() };
            }
            case ProjectNode p:
            {
                var keep = Enumerable.Range(0, p.Columns.Count).Where(i => required.Contains(p.Columns[i].Id)).ToList();
                if (keep.Count == 0 && p.Columns.Count > 0) keep.Add(0);
                var exprs = keep.Select(i => p.Exprs[i]).ToList();
                var needed = new HashSet<int>();
                foreach (var e in exprs) ExprUtil.CollectColumnIds(e, needed);
                return new ProjectNode(Prune(p.Input, needed), exprs, keep.Select(i => p.Columns[i]).ToList());
            }
            case WindowNode w:
            {
                // A window function nobody reads is not computed; a window left with none is dropped.
                var keep = Enumerable.Range(0, w.Columns.Count).Where(i => required.Contains(w.Columns[i].Id)).ToList();
                if (keep.Count == 0) return Prune(w.Input, required);
                var pruned = w with { Functions = keep.Select(i => w.Functions[i]).ToList(), Columns = keep.Select(i => w.Columns[i]).ToList() };
                var needed = new HashSet<int>(required);
                foreach (var e in PlanRewriter.Expressions(pruned)) ExprUtil.CollectColumnIds(e, needed);
                return pruned with { Input = Prune(w.Input, needed) };
            }
            case SetOperationNode s:
                return s with { Left = Prune(s.Left, s.Left.Output.Select(c => c.Id).ToHashSet()), Right = Prune(s.Right, s.Right.Output.Select(c => c.Id).ToHashSet()) };
            default:
            {
                var needed = new HashSet<int>(required);
                foreach (var e in PlanRewriter.Expressions(plan)) ExprUtil.CollectColumnIds(e, needed);
                var children = plan.Children.Select(c => Prune(c, needed)).ToList();
                return children.Count == 0 ? plan : plan.WithChildren(children);
            }
        }
    }
}
