using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Binding;

public sealed partial class Binder
{
    private sealed record OutputItem(SqlExpr Expr, string Name);

    private LogicalPlan BindSelect(SelectBody s, IReadOnlyList<OrderItem> orderBy, Scope? outer)
    {
        // Subqueries bind their own select lists; the enclosing block's windows are set aside meanwhile.
        var enclosing = _windows;
        _windows = null;
        try
        {
            return BindSelectBlock(s, orderBy, outer);
        }
        finally
        {
            _windows = enclosing;
        }
    }

    private LogicalPlan BindSelectBlock(SelectBody s, IReadOnlyList<OrderItem> orderBy, Scope? outer)
    {
        LogicalPlan plan = new OneRowNode();
        var entries = new List<ScopeEntry>();
        for (int i = 0; i < s.From.Count; i++)
        {
            var (p, e) = BindFrom(s.From[i], outer);
            plan = i == 0 ? p : new JoinNode(plan, p, JoinType.Cross, null);
            entries.AddRange(e);
        }
        var scope = new Scope(entries, outer);

        if (s.Where is not null)
        {
            if (FirstAggregate(s.Where) is { } inWhere) throw new SqlBindException(inWhere.Position, "aggregates are not allowed in WHERE");
            RefuseWindows(s.Where, "WHERE");
            plan = new FilterNode(plan, ExpectBoolean(BindExpr(s.Where, scope), s.Where.Position, "WHERE"));
        }

        var items = ExpandSelectList(s, scope);
        bool aggregating = s.GroupBy is not null || s.Having is not null || items.Any(i => ContainsAggregate(i.Expr))
                           || orderBy.Any(o => ContainsAggregate(o.Expr));
        AggregationContext? agg = null;
        IReadOnlyList<IReadOnlyList<int>>? sets = null;
        if (aggregating)
        {
            agg = new AggregationContext(_ids);
            if (s.GroupBy is not null) sets = BindGroupBy(s.GroupBy, scope, items, agg);
        }
        var windows = _windows = new WindowContext(_ids);
        var bound = items.Select(i => BindExpr(i.Expr, scope, agg)).ToList();
        RefuseWindows(s.Having, "HAVING");
        BoundExpr? having = s.Having is null ? null : ExpectBoolean(BindExpr(s.Having, scope, agg), s.Having.Position, "HAVING");

        // ORDER BY: an output name, an ordinal, a select expression, or (without DISTINCT) any input expression.
        var keys = new List<(int Column, bool Desc, bool NullsFirst)>();
        var hidden = new List<BoundExpr>();
        foreach (var o in orderBy)
        {
            int column;
            if (o.Expr is LiteralExpr { Kind: LiteralKind.Integer } lit) column = Ordinal(lit, items.Count);
            else if (o.Expr is ColumnRef { Qualifier: null } cr && items.FindIndex(i => string.Equals(i.Name, cr.Name, StringComparison.OrdinalIgnoreCase)) is >= 0 and var k)
                column = k;
            else
            {
                var key = BindExpr(o.Expr, scope, agg);
                string text = key.ToString();
                column = bound.FindIndex(b => b.ToString() == text);
                if (column < 0)
                {
                    if (s.Distinct)
                        throw new SqlBindException(o.Expr.Position, "for SELECT DISTINCT, ORDER BY expressions must appear in the select list");
                    column = items.Count + hidden.Count;
                    hidden.Add(key);
                }
            }
            keys.Add((column, o.Descending, o.NullsFirst ?? false));
        }

        if (agg is not null)
        {
            plan = new AggregateNode(plan, agg.Groups, agg.Aggregates, sets, [.. agg.GroupColumns, .. agg.AggregateColumns]);
            if (having is not null) plan = new FilterNode(plan, having);
        }
        // Windows see the rows after grouping and HAVING, before DISTINCT, ORDER BY and LIMIT.
        plan = windows.Apply(plan);
        var columns = items.Select((it, k) => new PlanColumn(_ids.Next(), it.Name, bound[k].Type)).ToList();
        var hiddenColumns = hidden.Select((h, k) => new PlanColumn(_ids.Next(), $"order_key_{k}", h.Type)).ToList();
        plan = new ProjectNode(plan, [.. bound, .. hidden], [.. columns, .. hiddenColumns]);
        var all = plan.Output;
        if (s.Distinct)
        {
            var groups = all.Select(c => (BoundExpr)new BoundColumn(c.Id, c.Name, c.Type)).ToList();
            var distinctColumns = all.Select(c => new PlanColumn(_ids.Next(), c.Name, c.Type)).ToList();
            plan = new AggregateNode(plan, groups, [], null, distinctColumns);
            all = distinctColumns;
        }
        if (keys.Count > 0)
            plan = new SortNode(plan, keys.Select(k => new SortKey(new BoundColumn(all[k.Column].Id, all[k.Column].Name, all[k.Column].Type), k.Desc, k.NullsFirst)).ToList());
        if (hidden.Count > 0)
        {
            var visible = all.Take(items.Count).ToList();
            plan = new ProjectNode(plan, visible.Select(c => (BoundExpr)new BoundColumn(c.Id, c.Name, c.Type)).ToList(), visible);
        }
        return plan;
    }

    private static List<OutputItem> ExpandSelectList(SelectBody s, Scope scope)
    {
        var items = new List<OutputItem>();
        foreach (var item in s.Items)
        {
            if (item.Expr is StarExpr star)
            {
                var matching = scope.Entries.Where(e => star.Qualifier is null
                    ? e.Unqualifiable
                    : string.Equals(e.Qualifier, star.Qualifier, StringComparison.OrdinalIgnoreCase)).ToList();
                if (matching.Count == 0)
                    throw new SqlBindException(star.Position, star.Qualifier is null
                        ? "SELECT * needs a FROM clause with at least one column"
                        : $"table '{star.Qualifier}' is not in FROM");
                foreach (var e in matching)
                    items.Add(new OutputItem(new ColumnRef(star.Position, e.Qualifier, e.Column.Name), e.Column.Name));
                continue;
            }
            items.Add(new OutputItem(item.Expr, item.Alias ?? DisplayName(item.Expr)));
        }
        return items;
    }

    /// <summary>Registers every grouping expression; returns the grouping sets, or null for a plain GROUP BY.</summary>
    private List<IReadOnlyList<int>>? BindGroupBy(GroupByClause groupBy, Scope scope, List<OutputItem> items, AggregationContext agg)
    {
        SqlExpr Resolve(SqlExpr e)
        {
            if (e is LiteralExpr { Kind: LiteralKind.Integer } lit) return items[Ordinal(lit, items.Count)].Expr;
            if (e is ColumnRef { Qualifier: null } c && scope.TryResolveLocal(c) is null
                && items.FirstOrDefault(i => string.Equals(i.Name, c.Name, StringComparison.OrdinalIgnoreCase)) is { } alias)
                return alias.Expr;
            return e;
        }
        int Register(SqlExpr e)
        {
            var resolved = Resolve(e);
            if (FirstAggregate(resolved) is { } inGroup) throw new SqlBindException(inGroup.Position, "aggregates are not allowed in GROUP BY");
            RefuseWindows(resolved, "GROUP BY");
            return agg.AddGroup(BindExpr(resolved, scope), DisplayName(resolved));
        }

        var combined = new List<List<int>> { new() };
        bool plain = true;
        foreach (var element in groupBy.Elements)
        {
            var entries = element.Sets.Select(set => set.Select(Register).ToList()).ToList();
            List<List<int>> options;
            switch (element.Kind)
            {
                case GroupingKind.Simple:
                    options = [entries[0]];
                    break;
                case GroupingKind.Rollup:
                    plain = false;
                    options = [];
                    for (int k = entries.Count; k >= 0; k--) options.Add(entries.Take(k).SelectMany(x => x).ToList());
                    break;
                case GroupingKind.Cube:
                    plain = false;
                    options = [];
                    for (int mask = (1 << entries.Count) - 1; mask >= 0; mask--)
                        options.Add(entries.Where((_, i) => (mask & (1 << (entries.Count - 1 - i))) != 0).SelectMany(x => x).ToList());
                    break;
                default:
                    plain = false;
                    options = entries;
                    break;
            }
            combined = combined.SelectMany(prefix => options.Select(o => prefix.Concat(o).Distinct().ToList())).ToList();
        }
        return plain ? null : combined.Select(s => (IReadOnlyList<int>)s).ToList();
    }
}
