using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Parsing;

namespace OrleansFlow.Sql.Optimizer;

/// <summary>
/// Turns correlated subqueries in filter conjuncts into joins:
/// <c>[NOT] EXISTS (... WHERE correlated AND local)</c> becomes a semi (anti) join on the correlated predicates;
/// <c>x op (SELECT agg(...) ... WHERE inner = outer AND local)</c> becomes an inner join with the aggregate grouped
/// by the inner correlation keys (inner is enough: a row without a group compares with NULL and is filtered anyway).
/// COUNT subqueries, and subqueries under OR, are left alone (they fail at run time as unsupported).
/// </summary>
public sealed class Decorrelation : IOptimizerRule
{
    public string Name => "decorrelation";

    public LogicalPlan Apply(LogicalPlan plan, ColumnIdGenerator ids) =>
        PlanRewriter.TransformUp(plan, node =>
        {
            node = PlanRewriter.MapExpressions(node, e => ExprUtil.Rewrite(e, x => x switch
            {
                BoundScalarSubquery s => s with { Plan = Apply(s.Plan, ids) },
                BoundInSubquery s => s with { Plan = Apply(s.Plan, ids) },
                BoundExists s => s with { Plan = Apply(s.Plan, ids) },
                _ => x,
            }));
            return node is FilterNode f ? Rewrite(f, ids) : node;
        });

    private static LogicalPlan Rewrite(FilterNode filter, ColumnIdGenerator ids)
    {
        var input = filter.Input;
        var remaining = new List<BoundExpr>();
        bool changed = false;
        foreach (var conjunct in ExprUtil.SplitConjuncts(filter.Predicate))
        {
            if (TryExists(conjunct, ref input)) { changed = true; continue; }
            if (TryScalar(conjunct, ref input, ids, out var replaced)) { changed = true; remaining.Add(replaced); continue; }
            remaining.Add(conjunct);
        }
        if (!changed) return filter;
        LogicalPlan result = remaining.Count > 0 ? new FilterNode(input, ExprUtil.Conjunction(remaining)!) : input;
        if (result.Output.Count == filter.Output.Count) return result;
        return new ProjectNode(result, filter.Output.Select(c => (BoundExpr)new BoundColumn(c.Id, c.Name, c.Type)).ToList(), filter.Output);
    }

    private static bool TryExists(BoundExpr conjunct, ref LogicalPlan input)
    {
        var (exists, negated) = conjunct switch
        {
            BoundExists e => (e, e.Negated),
            BoundUnary { Op: UnaryOp.Not, Operand: BoundExists e } => (e, !e.Negated),
            _ => (null, false),
        };
        if (exists is null || !HasOuterReference(exists.Plan)) return false;
        var body = exists.Plan;
        while (body is ProjectNode p) body = p.Input;
        if (body is not FilterNode where || HasOuterReference(where.Input)) return false;
        var outerIds = input.Output.Select(c => c.Id).ToHashSet();
        var correlated = new List<BoundExpr>();
        var local = new List<BoundExpr>();
        foreach (var c in ExprUtil.SplitConjuncts(where.Predicate))
        {
            if (!ExprUtil.Any(c, x => x is BoundOuterColumn)) { local.Add(c); continue; }
            if (ExprUtil.Any(c, x => x is BoundOuterColumn o && !outerIds.Contains(o.Id) || IsSubquery(x))) return false;
            correlated.Add(ToLocal(c));
        }
        var right = local.Count > 0 ? new FilterNode(where.Input, ExprUtil.Conjunction(local)!) : where.Input;
        input = new JoinNode(input, right, negated ? JoinType.Anti : JoinType.Semi, ExprUtil.Conjunction(correlated));
        return true;
    }

    private static bool TryScalar(BoundExpr conjunct, ref LogicalPlan input, ColumnIdGenerator ids, out BoundExpr replaced)
    {
        replaced = conjunct;
        BoundScalarSubquery? sub = null;
        ExprUtil.Any(conjunct, x =>
        {
            if (x is BoundScalarSubquery s && HasOuterReference(s.Plan)) sub ??= s;
            return false;
        });
        if (sub is null) return false;
        if (sub.Plan is not ProjectNode { Input: AggregateNode { Groups.Count: 0, GroupingSets: null } agg } project
            || agg.Input is not FilterNode where || HasOuterReference(where.Input)
            || agg.Aggregates.Any(a => a.Function is AggregateFunction.Count or AggregateFunction.CountStar)
            || project.Exprs.Any(HasOuterReference) || agg.Aggregates.Any(a => a.Argument is not null && HasOuterReference(a.Argument)))
            return false;
        var outerIds = input.Output.Select(c => c.Id).ToHashSet();
        var innerKeys = new List<BoundExpr>();
        var outerKeys = new List<BoundExpr>();
        var local = new List<BoundExpr>();
        foreach (var c in ExprUtil.SplitConjuncts(where.Predicate))
        {
            if (!ExprUtil.Any(c, x => x is BoundOuterColumn)) { local.Add(c); continue; }
            if (c is not BoundBinary { Op: BinaryOp.Eq } eq) return false;
            bool leftOuter = OnlyOuter(eq.Left, outerIds), rightOuter = OnlyOuter(eq.Right, outerIds);
            if (leftOuter == rightOuter) return false;
            var (outerSide, innerSide) = leftOuter ? (eq.Left, eq.Right) : (eq.Right, eq.Left);
            if (ExprUtil.Any(innerSide, x => x is BoundOuterColumn || IsSubquery(x))) return false;
            outerKeys.Add(ToLocal(outerSide));
            innerKeys.Add(innerSide);
        }
        var keyColumns = innerKeys.Select(k => new PlanColumn(ids.Next(), "correlation_key", k.Type)).ToList();
        LogicalPlan right = local.Count > 0 ? new FilterNode(where.Input, ExprUtil.Conjunction(local)!) : where.Input;
        var grouped = new AggregateNode(right, innerKeys, agg.Aggregates, null, [.. keyColumns, .. agg.Columns]);
        var keyRefs = keyColumns.Select(c => (BoundExpr)new BoundColumn(c.Id, c.Name, c.Type)).ToList();
        var projected = new ProjectNode(grouped, [.. keyRefs, .. project.Exprs], [.. keyColumns, .. project.Columns]);
        var condition = ExprUtil.Conjunction(outerKeys.Select((o, i) => (BoundExpr)new BoundBinary(BinaryOp.Eq, o, keyRefs[i], Types.SqlType.Boolean)));
        input = new JoinNode(input, projected, JoinType.Inner, condition);
        var value = project.Columns[0];
        var found = sub;
        replaced = ExprUtil.Rewrite(conjunct, x => ReferenceEquals(x, found) ? new BoundColumn(value.Id, value.Name, value.Type) : x);
        return true;
    }

    private static bool OnlyOuter(BoundExpr e, HashSet<int> outerIds) =>
        ExprUtil.Any(e, x => x is BoundOuterColumn) && !ExprUtil.Any(e, x => x is BoundColumn || IsSubquery(x))
        && !ExprUtil.Any(e, x => x is BoundOuterColumn o && !outerIds.Contains(o.Id));

    private static bool IsSubquery(BoundExpr e) => e is BoundScalarSubquery or BoundInSubquery or BoundExists;

    private static BoundExpr ToLocal(BoundExpr e) =>
        ExprUtil.Rewrite(e, x => x is BoundOuterColumn o ? new BoundColumn(o.Id, o.Name, o.Type) : x);

    private static bool HasOuterReference(BoundExpr e) =>
        ExprUtil.Any(e, x => x is BoundOuterColumn || (x is BoundScalarSubquery s && HasOuterReference(s.Plan))
                             || (x is BoundInSubquery i && HasOuterReference(i.Plan)) || (x is BoundExists b && HasOuterReference(b.Plan)));

    private static bool HasOuterReference(LogicalPlan plan) =>
        PlanRewriter.Expressions(plan).Any(HasOuterReference) || plan.Children.Any(HasOuterReference);
}
