namespace OrleansFlow.Sql.Parsing;

/// <summary>An expression as written in the query text.</summary>
public abstract record SqlExpr(SourcePosition Position);

public sealed record ColumnRef(SourcePosition Position, string? Qualifier, string Name) : SqlExpr(Position)
{
    public override string ToString() => Qualifier is null ? Name : $"{Qualifier}.{Name}";
}

/// <summary><c>*</c> or <c>t.*</c> in a select list.</summary>
public sealed record StarExpr(SourcePosition Position, string? Qualifier) : SqlExpr(Position);

public enum LiteralKind { Integer, Decimal, Float, String, Boolean, Null, Date }

/// <summary>A literal; <see cref="Text"/> is the literal's text (digits, string contents, 'true', date text).</summary>
public sealed record LiteralExpr(SourcePosition Position, LiteralKind Kind, string Text) : SqlExpr(Position);

public enum IntervalUnit { Day, Month, Year }

/// <summary><c>INTERVAL 30 DAY</c>, <c>INTERVAL '3' MONTH</c> or the TPC-DS spelling <c>30 days</c>.</summary>
public sealed record IntervalExpr(SourcePosition Position, long Amount, IntervalUnit Unit) : SqlExpr(Position);

public enum UnaryOp { Not, Negate }

public sealed record UnaryExpr(SourcePosition Position, UnaryOp Op, SqlExpr Operand) : SqlExpr(Position);

public enum BinaryOp { Add, Subtract, Multiply, Divide, Modulo, Concat, Eq, NotEq, Lt, LtEq, Gt, GtEq, And, Or }

public sealed record BinaryExpr(SourcePosition Position, BinaryOp Op, SqlExpr Left, SqlExpr Right) : SqlExpr(Position);

/// <summary>A function or aggregate call; <see cref="IsStar"/> for count(*).</summary>
public sealed record FunctionCall(SourcePosition Position, string Name, IReadOnlyList<SqlExpr> Args, bool Distinct, bool IsStar)
    : SqlExpr(Position);

public sealed record WhenClause(SqlExpr Condition, SqlExpr Result);

public sealed record CaseExpr(SourcePosition Position, SqlExpr? Operand, IReadOnlyList<WhenClause> Whens, SqlExpr? Else)
    : SqlExpr(Position);

/// <summary>A type as written: name plus optional precision and scale.</summary>
public sealed record TypeName(SourcePosition Position, string Name, int? Precision, int? Scale)
{
    public override string ToString() =>
        Precision is null ? Name : Scale is null ? $"{Name}({Precision})" : $"{Name}({Precision},{Scale})";
}

public sealed record CastExpr(SourcePosition Position, SqlExpr Operand, TypeName Type) : SqlExpr(Position);

public sealed record BetweenExpr(SourcePosition Position, SqlExpr Operand, SqlExpr Low, SqlExpr High, bool Negated)
    : SqlExpr(Position);

public sealed record LikeExpr(SourcePosition Position, SqlExpr Operand, SqlExpr Pattern, bool Negated) : SqlExpr(Position);

public sealed record InListExpr(SourcePosition Position, SqlExpr Operand, IReadOnlyList<SqlExpr> Items, bool Negated)
    : SqlExpr(Position);

public sealed record InSubqueryExpr(SourcePosition Position, SqlExpr Operand, Query Subquery, bool Negated) : SqlExpr(Position);

public sealed record ExistsExpr(SourcePosition Position, Query Subquery) : SqlExpr(Position);

public sealed record ScalarSubqueryExpr(SourcePosition Position, Query Subquery) : SqlExpr(Position);

public sealed record IsNullExpr(SourcePosition Position, SqlExpr Operand, bool Negated) : SqlExpr(Position);
