using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Parsing;

namespace OrleansFlow.Sql.Logical;

/// <summary>A relational operator tree; every node lists its output columns with query-unique ids.</summary>
public abstract record LogicalPlan
{
    public abstract IReadOnlyList<PlanColumn> Output { get; }
    public abstract IReadOnlyList<LogicalPlan> Children { get; }
    public abstract LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children);
    /// <summary>One line describing the node for EXPLAIN (children are printed beneath it).</summary>
    public abstract string Describe();
}

/// <summary>Reads <see cref="TableColumns"/> of a table; <see cref="Filters"/> are conjuncts pushed into the scan.</summary>
public sealed record ScanNode(ITable Table, string Alias, IReadOnlyList<int> TableColumns, IReadOnlyList<PlanColumn> Columns,
    IReadOnlyList<BoundExpr> Filters) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Columns;
    public override IReadOnlyList<LogicalPlan> Children => [];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this;
    public override string Describe() =>
        $"Scan {Table.Name}{(Alias != Table.Name ? " AS " + Alias : "")} [{string.Join(", ", Columns.Select(c => c.Name))}]"
        + (Filters.Count > 0 ? $" filters=[{string.Join(" AND ", Filters)}]" : "");
}

/// <summary>One row with no columns: the input of SELECT without FROM.</summary>
public sealed record OneRowNode : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => [];
    public override IReadOnlyList<LogicalPlan> Children => [];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this;
    public override string Describe() => "OneRow";
}

public sealed record FilterNode(LogicalPlan Input, BoundExpr Predicate) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Input.Output;
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override string Describe() => $"Filter {Predicate}";
}

public sealed record ProjectNode(LogicalPlan Input, IReadOnlyList<BoundExpr> Exprs, IReadOnlyList<PlanColumn> Columns) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Columns;
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override string Describe() =>
        $"Project {string.Join(", ", Exprs.Select((e, i) => e is BoundColumn c && c.Id == Columns[i].Id ? e.ToString() : $"{e} AS {Columns[i].Name}#{Columns[i].Id}"))}";
}

public enum AggregateFunction { Count, CountStar, Sum, Avg, Min, Max }

/// <summary>One aggregate: function, argument (null for count(*)), DISTINCT.</summary>
public sealed record AggregateCall(AggregateFunction Function, BoundExpr? Argument, bool Distinct, Types.SqlType Type)
{
    public override string ToString() => Function == AggregateFunction.CountStar ? "count(*)"
        : $"{Function.ToString().ToLowerInvariant()}({(Distinct ? "DISTINCT " : "")}{Argument})";
}

/// <summary>
/// Groups by <see cref="Groups"/> and computes <see cref="Aggregates"/>; output = group columns then aggregate columns.
/// With <see cref="GroupingSets"/> (indices into Groups) each set is aggregated separately and the keys outside
/// the set are NULL.
/// </summary>
public sealed record AggregateNode(LogicalPlan Input, IReadOnlyList<BoundExpr> Groups, IReadOnlyList<AggregateCall> Aggregates,
    IReadOnlyList<IReadOnlyList<int>>? GroupingSets, IReadOnlyList<PlanColumn> Columns) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Columns;
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override string Describe()
    {
        var sets = GroupingSets is null ? ""
            : " sets=[" + string.Join(", ", GroupingSets.Select(s => "(" + string.Join(", ", s.Select(i => Groups[i])) + ")")) + "]";
        return $"Aggregate groups=[{string.Join(", ", Groups)}] aggs=[{string.Join(", ", Aggregates)}]{sets}";
    }
}

public enum JoinType { Inner, Left, Right, Full, Semi, Anti, Cross }

/// <summary>Output = left columns then right columns (Semi/Anti: left only).</summary>
public sealed record JoinNode(LogicalPlan Left, LogicalPlan Right, JoinType Type, BoundExpr? Condition) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output =>
        Type is JoinType.Semi or JoinType.Anti ? Left.Output : [.. Left.Output, .. Right.Output];
    public override IReadOnlyList<LogicalPlan> Children => [Left, Right];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Left = children[0], Right = children[1] };
    public override string Describe() => $"Join {Type}{(Condition is null ? "" : " on " + Condition)}";
}

public sealed record SortKey(BoundExpr Expr, bool Descending, bool NullsFirst)
{
    public override string ToString() => $"{Expr} {(Descending ? "DESC" : "ASC")} NULLS {(NullsFirst ? "FIRST" : "LAST")}";
}

public sealed record SortNode(LogicalPlan Input, IReadOnlyList<SortKey> Keys) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Input.Output;
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override string Describe() => $"Sort {string.Join(", ", Keys)}";
}

public sealed record LimitNode(LogicalPlan Input, long? Limit, long Offset) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Input.Output;
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override string Describe() => $"Limit {(Limit?.ToString() ?? "ALL")}{(Offset > 0 ? $" offset {Offset}" : "")}";
}

/// <summary>UNION / INTERSECT / EXCEPT by position; output columns are fresh ids named after the left side.</summary>
public sealed record SetOperationNode(SetOpKind Kind, bool All, LogicalPlan Left, LogicalPlan Right, IReadOnlyList<PlanColumn> Columns)
    : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Columns;
    public override IReadOnlyList<LogicalPlan> Children => [Left, Right];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Left = children[0], Right = children[1] };
    public override string Describe() => $"{Kind}{(All ? " ALL" : "")} -> [{string.Join(", ", Columns.Select(c => $"{c.Name}#{c.Id}"))}]";
}
