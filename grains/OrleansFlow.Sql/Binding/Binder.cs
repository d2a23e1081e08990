using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Binding;

/// <summary>
/// Resolves names against the catalog, checks and converts types, and turns the AST into a logical plan.
/// CTEs are inlined at each reference (each gets fresh column ids, so self-joins of a CTE work).
/// </summary>
public sealed partial class Binder
{
    private readonly TableCatalog _catalog;
    private readonly ColumnIdGenerator _ids;
    private readonly List<Dictionary<string, CommonTableExpr>> _ctes = [];
    private readonly HashSet<string> _ctesBeingBound = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The binder's own count of nesting. The parser's limit bounds the text, but a chain of CTEs, each inlined where
    /// the next one names it, nests the plan deeper than the text is: the binder counts again, as it recurses.
    /// </summary>
    private readonly NestingDepth _depth;
    private readonly int _maxInlinedCtes;
    private int _inlinedCtes;

    public Binder(TableCatalog catalog, ColumnIdGenerator ids, SqlLimits? limits = null)
    {
        _catalog = catalog;
        _ids = ids;
        _depth = new NestingDepth((limits ?? SqlLimits.Default).MaxNestingDepth);
        _maxInlinedCtes = (limits ?? SqlLimits.Default).MaxInlinedCtes;
    }

    /// <summary>Binds a parsed query; column ids come from <paramref name="ids"/> so later rules can add more.</summary>
    public static LogicalPlan Bind(Query query, TableCatalog catalog, ColumnIdGenerator ids, SqlLimits? limits = null) =>
        new Binder(catalog, ids, limits).BindQuery(query, null);

    internal LogicalPlan BindQuery(Query q, Scope? outer) => BindQuery(q, outer, q.Position);

    /// <summary>Binds <paramref name="q"/> one level deeper, at <paramref name="at"/> (where a CTE is referenced, for a CTE).</summary>
    private LogicalPlan BindQuery(Query q, Scope? outer, SourcePosition at)
    {
        _depth.Enter(at);
        try
        {
            return BindQueryBody(q, outer);
        }
        finally
        {
            _depth.Leave();
        }
    }

    private LogicalPlan BindQueryBody(Query q, Scope? outer)
    {
        var ctes = new Dictionary<string, CommonTableExpr>(StringComparer.OrdinalIgnoreCase);
        foreach (var cte in q.With)
        {
            if (!ctes.TryAdd(cte.Name, cte))
                throw new SqlBindException(cte.Position, $"common table expression '{cte.Name}' is defined twice");
        }
        _ctes.Add(ctes);
        try
        {
            LogicalPlan plan;
            if (q.Body is SelectBody select) plan = BindSelect(select, q.OrderBy, outer);
            else
            {
                plan = BindBody(q.Body, outer);
                if (q.OrderBy.Count > 0) plan = BindOutputOrderBy(plan, q.OrderBy, outer);
            }
            long? limit = q.Limit is LiteralExpr l ? long.Parse(l.Text) : null;
            long offset = q.Offset is LiteralExpr o ? long.Parse(o.Text) : 0;
            if (limit is not null || offset > 0) plan = new LimitNode(plan, limit, offset);
            return plan;
        }
        finally
        {
            _ctes.RemoveAt(_ctes.Count - 1);
        }
    }

    private LogicalPlan BindBody(QueryBody body, Scope? outer)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        switch (body)
        {
            case SelectBody s:
                return BindSelect(s, [], outer);
            case NestedQueryBody n:
                return BindQuery(n.Query, outer);
            case SetOperationBody op:
            {
                var left = BindBody(op.Left, outer);
                var right = BindBody(op.Right, outer);
                if (left.Output.Count != right.Output.Count)
                    throw new SqlBindException(op.Position,
                        $"{op.Kind.ToString().ToUpperInvariant()} operands have {left.Output.Count} and {right.Output.Count} columns");
                var types = new List<SqlType>();
                for (int i = 0; i < left.Output.Count; i++)
                {
                    var t = TypeRules.CommonType(left.Output[i].Type, right.Output[i].Type)
                        ?? throw new SqlBindException(op.Position,
                            $"{op.Kind.ToString().ToUpperInvariant()} column {i + 1} mixes {left.Output[i].Type} and {right.Output[i].Type}");
                    types.Add(t.Kind == SqlTypeKind.Null ? SqlType.Int32 : t);
                }
                left = CastOutputs(left, types, op.Position);
                right = CastOutputs(right, types, op.Position);
                var columns = left.Output.Select((c, i) => new PlanColumn(_ids.Next(), c.Name, types[i])).ToList();
                return new SetOperationNode(op.Kind, op.All, left, right, columns);
            }
            default:
                throw new SqlBindException(body.Position, "unsupported query form");
        }
    }

    private LogicalPlan CastOutputs(LogicalPlan plan, IReadOnlyList<SqlType> types, SourcePosition pos)
    {
        if (plan.Output.Select(c => c.Type).SequenceEqual(types)) return plan;
        var exprs = plan.Output.Select((c, i) => Coerce(new BoundColumn(c.Id, c.Name, c.Type), types[i], pos)).ToList();
        var cols = plan.Output.Select((c, i) => c.Type == types[i] ? c : new PlanColumn(_ids.Next(), c.Name, types[i])).ToList();
        return new ProjectNode(plan, exprs, cols);
    }

    /// <summary>ORDER BY on a set operation: output names, ordinals, or expressions over the output columns.</summary>
    private LogicalPlan BindOutputOrderBy(LogicalPlan plan, IReadOnlyList<OrderItem> orderBy, Scope? outer)
    {
        var scope = new Scope(plan.Output.Select(c => new ScopeEntry(null, c)).ToList(), outer);
        var keys = new List<SortKey>();
        foreach (var item in orderBy)
        {
            BoundExpr key;
            if (item.Expr is LiteralExpr { Kind: LiteralKind.Integer } lit)
            {
                var c = plan.Output[Ordinal(lit, plan.Output.Count)];
                key = new BoundColumn(c.Id, c.Name, c.Type);
            }
            else key = BindExpr(item.Expr, scope);
            keys.Add(new SortKey(key, item.Descending, item.NullsFirst ?? false));
        }
        return new SortNode(plan, keys);
    }

    private static int Ordinal(LiteralExpr lit, int count)
    {
        if (!int.TryParse(lit.Text, out int k) || k < 1 || k > count)
            throw new SqlBindException(lit.Position, $"ORDER BY position {lit.Text} is not in the select list (1..{count})");
        return k - 1;
    }

    // ------------------------------------------------------------------ FROM

    private (LogicalPlan Plan, List<ScopeEntry> Entries) BindFrom(TableRef table, Scope? outer)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        switch (table)
        {
            case NamedTableRef n:
                return BindNamedTable(n, outer);
            case DerivedTableRef d:
            {
                var plan = BindQuery(d.Query, outer);
                plan = Rename(plan, d.ColumnAliases, d.Position);
                return (plan, plan.Output.Select(c => new ScopeEntry(d.Alias, c)).ToList());
            }
            case JoinTableRef j:
            {
                var (left, leftEntries) = BindFrom(j.Left, outer);
                var (right, rightEntries) = BindFrom(j.Right, outer);
                var entries = new List<ScopeEntry>(leftEntries);
                BoundExpr? condition = null;
                if (j.Using is not null)
                {
                    var conjuncts = new List<BoundExpr>();
                    var hidden = new HashSet<int>();
                    foreach (var name in j.Using)
                    {
                        var l = new Scope(leftEntries, null).TryResolveLocal(new ColumnRef(j.Position, null, name))
                            ?? throw new SqlBindException(j.Position, $"USING column '{name}' is not in the left side of the join");
                        var r = new Scope(rightEntries, null).TryResolveLocal(new ColumnRef(j.Position, null, name))
                            ?? throw new SqlBindException(j.Position, $"USING column '{name}' is not in the right side of the join");
                        conjuncts.Add(Compare(BinaryOp.Eq, new BoundColumn(l.Id, l.Name, l.Type), new BoundColumn(r.Id, r.Name, r.Type), j.Position));
                        hidden.Add(r.Id);
                    }
                    condition = ExprUtil.Conjunction(conjuncts);
                    entries.AddRange(rightEntries.Select(e => hidden.Contains(e.Column.Id) ? e with { Unqualifiable = false } : e));
                }
                else
                {
                    entries.AddRange(rightEntries);
                    if (j.On is not null)
                    {
                        if (FirstAggregate(j.On) is { } inOn) throw new SqlBindException(inOn.Position, "aggregates are not allowed in JOIN conditions");
                        RefuseWindows(j.On, "JOIN conditions");
                        condition = ExpectBoolean(BindExpr(j.On, new Scope(entries, outer)), j.On.Position, "ON");
                    }
                }
                var type = j.Kind switch
                {
                    JoinKind.Inner => JoinType.Inner,
                    JoinKind.Left => JoinType.Left,
                    JoinKind.Right => JoinType.Right,
                    JoinKind.Full => JoinType.Full,
                    _ => JoinType.Cross,
                };
                return (new JoinNode(left, right, type, condition), entries);
            }
            default:
                throw new SqlBindException(table.Position, "unsupported FROM item");
        }
    }

    private (LogicalPlan, List<ScopeEntry>) BindNamedTable(NamedTableRef n, Scope? outer)
    {
        string qualifier = n.Alias ?? n.Name;
        for (int level = _ctes.Count - 1; level >= 0; level--)
        {
            if (!_ctes[level].TryGetValue(n.Name, out var cte) || _ctesBeingBound.Contains(n.Name)) continue;
            // Each reference is a copy of the CTE's plan, so CTEs that each name the one before twice double the
            // plan at every step: thirty of them would be a billion nodes. The copies are counted instead.
            if (++_inlinedCtes > _maxInlinedCtes)
                throw new SqlBindException(n.Position,
                    $"common table expressions are inlined more than {_maxInlinedCtes} times (each reference copies its CTE; limit {_maxInlinedCtes})");
            _ctesBeingBound.Add(cte.Name);
            LogicalPlan plan;
            try
            {
                plan = Rename(BindQuery(cte.Query, outer, n.Position), cte.ColumnNames, cte.Position);
            }
            finally
            {
                _ctesBeingBound.Remove(cte.Name);
            }
            return (plan, plan.Output.Select(c => new ScopeEntry(qualifier, c)).ToList());
        }
        if (!_catalog.TryGet(n.Name, out var table))
        {
            var known = string.Join(", ", _catalog.Tables.Select(t => t.Name).Order());
            throw new SqlBindException(n.Position, $"table '{n.Name}' does not exist (known tables: {(known.Length == 0 ? "none" : known)})");
        }
        var columns = table.Columns.Select(c => new PlanColumn(_ids.Next(), c.Name, c.Type)).ToList();
        var scan = new ScanNode(table, qualifier, Enumerable.Range(0, columns.Count).ToList(), columns, []);
        return (scan, columns.Select(c => new ScopeEntry(qualifier, c)).ToList());
    }

    /// <summary>Applies a column alias list (t(a, b) / WITH x(a, b)) by projecting under new names.</summary>
    private LogicalPlan Rename(LogicalPlan plan, IReadOnlyList<string>? names, SourcePosition pos)
    {
        if (names is null) return plan;
        if (names.Count > plan.Output.Count)
            throw new SqlBindException(pos, $"{names.Count} column aliases given but the query returns {plan.Output.Count} columns");
        var exprs = plan.Output.Select(c => (BoundExpr)new BoundColumn(c.Id, c.Name, c.Type)).ToList();
        var cols = plan.Output.Select((c, i) => i < names.Count ? new PlanColumn(_ids.Next(), names[i], c.Type) : c).ToList();
        return new ProjectNode(plan, exprs, cols);
    }
}
