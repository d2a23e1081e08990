using System.Globalization;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Logical;

/// <summary>A name-resolved, type-checked expression. <see cref="ToString"/> is canonical: equal text, equal meaning.</summary>
public abstract record BoundExpr(SqlType Type)
{
    public abstract IEnumerable<BoundExpr> Children { get; }

    /// <summary>A copy with the children replaced (same count and order as <see cref="Children"/>).</summary>
    public abstract BoundExpr WithChildren(IReadOnlyList<BoundExpr> children);

    public abstract override string ToString();
}

public sealed record BoundColumn(int Id, string Name, SqlType Type) : BoundExpr(Type)
{
    public override IEnumerable<BoundExpr> Children => [];
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this;
    public override string ToString() => $"{Name}#{Id}";
}

/// <summary>A column of an enclosing query (correlated subquery); planned only where it can be decorrelated.</summary>
public sealed record BoundOuterColumn(int Id, string Name, SqlType Type) : BoundExpr(Type)
{
    public override IEnumerable<BoundExpr> Children => [];
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this;
    public override string ToString() => $"outer({Name}#{Id})";
}

/// <summary>A constant in storage form: long (ints, date days, bool 0/1), double, decimal, string; null = NULL.</summary>
public sealed record BoundConstant(object? Value, SqlType Type) : BoundExpr(Type)
{
    public override IEnumerable<BoundExpr> Children => [];
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this;
    public override string ToString() => Value switch
    {
        null => "NULL",
        string s => $"'{s.Replace("'", "''")}'",
        long l when Type.Kind == SqlTypeKind.Date => $"DATE '{Dates.Format(l)}'",
        long l when Type.Kind == SqlTypeKind.Boolean => l != 0 ? "true" : "false",
        decimal m => m.ToString(CultureInfo.InvariantCulture) + $"::{Type}",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "::double",
        _ => Convert.ToString(Value, CultureInfo.InvariantCulture)!,
    };
}

public sealed record BoundCast(BoundExpr Operand, SqlType Type) : BoundExpr(Type)
{
    public override IEnumerable<BoundExpr> Children => [Operand];
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this with { Operand = children[0] };
    public override string ToString() => $"CAST({Operand} AS {Type})";
}

public sealed record BoundUnary(UnaryOp Op, BoundExpr Operand, SqlType Type) : BoundExpr(Type)
{
    public override IEnumerable<BoundExpr> Children => [Operand];
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this with { Operand = children[0] };
    public override string ToString() => Op == UnaryOp.Not ? $"NOT ({Operand})" : $"-({Operand})";
}

/// <summary>Arithmetic, comparison, AND/OR and ||. Operands already share a type, except date ± days.</summary>
public sealed record BoundBinary(BinaryOp Op, BoundExpr Left, BoundExpr Right, SqlType Type) : BoundExpr(Type)
{
    public override IEnumerable<BoundExpr> Children => [Left, Right];
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this with { Left = children[0], Right = children[1] };
    public override string ToString() => $"({Left} {Symbol(Op)} {Right})";

    public static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+", BinaryOp.Subtract => "-", BinaryOp.Multiply => "*", BinaryOp.Divide => "/",
        BinaryOp.Modulo => "%", BinaryOp.Concat => "||", BinaryOp.Eq => "=", BinaryOp.NotEq => "<>",
        BinaryOp.Lt => "<", BinaryOp.LtEq => "<=", BinaryOp.Gt => ">", BinaryOp.GtEq => ">=",
        BinaryOp.And => "AND", _ => "OR",
    };

    public bool IsComparison => Op is BinaryOp.Eq or BinaryOp.NotEq or BinaryOp.Lt or BinaryOp.LtEq or BinaryOp.Gt or BinaryOp.GtEq;
}

public sealed record BoundIsNull(BoundExpr Operand, bool Negated) : BoundExpr(SqlType.Boolean)
{
    public override IEnumerable<BoundExpr> Children => [Operand];
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this with { Operand = children[0] };
    public override string ToString() => $"({Operand} IS {(Negated ? "NOT " : "")}NULL)";
}

public sealed record BoundLike(BoundExpr Operand, BoundExpr Pattern, bool Negated) : BoundExpr(SqlType.Boolean)
{
    public override IEnumerable<BoundExpr> Children => [Operand, Pattern];
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this with { Operand = children[0], Pattern = children[1] };
    public override string ToString() => $"({Operand} {(Negated ? "NOT " : "")}LIKE {Pattern})";
}

public sealed record BoundInList(BoundExpr Operand, IReadOnlyList<BoundExpr> Items, bool Negated) : BoundExpr(SqlType.Boolean)
{
    public override IEnumerable<BoundExpr> Children => [Operand, .. Items];
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this with { Operand = children[0], Items = children.Skip(1).ToList() };
    public override string ToString() => $"({Operand} {(Negated ? "NOT " : "")}IN ({string.Join(", ", Items)}))";
}

public sealed record BoundCase(IReadOnlyList<BoundExpr> Conditions, IReadOnlyList<BoundExpr> Results, BoundExpr Else, SqlType Type)
    : BoundExpr(Type)
{
    public override IEnumerable<BoundExpr> Children => [.. Conditions, .. Results, Else];
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children)
    {
        int n = Conditions.Count;
        return this with { Conditions = children.Take(n).ToList(), Results = children.Skip(n).Take(n).ToList(), Else = children[2 * n] };
    }
    public override string ToString() =>
        "CASE " + string.Concat(Conditions.Select((c, i) => $"WHEN {c} THEN {Results[i]} ")) + $"ELSE {Else} END";
}

/// <summary>A scalar function (see <c>Execution.ScalarFunctions</c> for the list).</summary>
public sealed record BoundFunction(string Name, IReadOnlyList<BoundExpr> Args, SqlType Type) : BoundExpr(Type)
{
    public override IEnumerable<BoundExpr> Children => Args;
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this with { Args = children.ToList() };
    public override string ToString() => $"{Name}({string.Join(", ", Args)})";
}

/// <summary>An uncorrelated subquery returning one column; evaluated once per query. Id numbers subqueries for EXPLAIN.</summary>
public sealed record BoundScalarSubquery(LogicalPlan Plan, SqlType Type, int Id) : BoundExpr(Type)
{
    public override IEnumerable<BoundExpr> Children => [];
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this;
    public override string ToString() => $"subquery#{Id}";
}

public sealed record BoundInSubquery(BoundExpr Operand, LogicalPlan Plan, bool Negated, int Id) : BoundExpr(SqlType.Boolean)
{
    public override IEnumerable<BoundExpr> Children => [Operand];
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this with { Operand = children[0] };
    public override string ToString() => $"({Operand} {(Negated ? "NOT " : "")}IN subquery#{Id})";
}

public sealed record BoundExists(LogicalPlan Plan, bool Negated, int Id) : BoundExpr(SqlType.Boolean)
{
    public override IEnumerable<BoundExpr> Children => [];
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this;
    public override string ToString() => $"{(Negated ? "NOT " : "")}EXISTS subquery#{Id}";
}
