namespace OrleansFlow.Sql.Parsing;

/// <summary>A full query: optional WITH, a body, ORDER BY, LIMIT and OFFSET.</summary>
public sealed record Query(
    SourcePosition Position,
    IReadOnlyList<CommonTableExpr> With,
    QueryBody Body,
    IReadOnlyList<OrderItem> OrderBy,
    SqlExpr? Limit,
    SqlExpr? Offset);

public sealed record CommonTableExpr(SourcePosition Position, string Name, IReadOnlyList<string>? ColumnNames, Query Query);

public sealed record OrderItem(SqlExpr Expr, bool Descending, bool? NullsFirst);

public abstract record QueryBody(SourcePosition Position);

public sealed record SelectBody(
    SourcePosition Position,
    bool Distinct,
    IReadOnlyList<SelectItem> Items,
    IReadOnlyList<TableRef> From,
    SqlExpr? Where,
    GroupByClause? GroupBy,
    SqlExpr? Having) : QueryBody(Position);

public enum SetOpKind { Union, Intersect, Except }

public sealed record SetOperationBody(SourcePosition Position, SetOpKind Kind, bool All, QueryBody Left, QueryBody Right)
    : QueryBody(Position);

/// <summary>A parenthesised query used as a set-operation operand; it may carry its own ORDER BY / LIMIT.</summary>
public sealed record NestedQueryBody(SourcePosition Position, Query Query) : QueryBody(Position);

public sealed record SelectItem(SqlExpr Expr, string? Alias);

public enum GroupingKind { Simple, Rollup, Cube, GroupingSets }

/// <summary>One element of GROUP BY. Simple: one set with one expression; GroupingSets: the listed sets;
/// Rollup/Cube: one set holding the listed expressions (each entry may be a parenthesised list).</summary>
public sealed record GroupingElement(SourcePosition Position, GroupingKind Kind, IReadOnlyList<IReadOnlyList<SqlExpr>> Sets);

public sealed record GroupByClause(SourcePosition Position, IReadOnlyList<GroupingElement> Elements);

public abstract record TableRef(SourcePosition Position);

public sealed record NamedTableRef(SourcePosition Position, string Name, string? Alias) : TableRef(Position);

public sealed record DerivedTableRef(SourcePosition Position, Query Query, string Alias, IReadOnlyList<string>? ColumnAliases)
    : TableRef(Position);

public enum JoinKind { Inner, Left, Right, Full, Cross }

public sealed record JoinTableRef(
    SourcePosition Position,
    JoinKind Kind,
    TableRef Left,
    TableRef Right,
    SqlExpr? On,
    IReadOnlyList<string>? Using) : TableRef(Position);
