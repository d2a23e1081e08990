using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Logical;

/// <summary>
/// An output column of a plan node. <see cref="Id"/> is unique within a query, so rewrites can move
/// expressions between nodes without renumbering positions; execution maps ids to positions.
/// </summary>
public sealed record PlanColumn(int Id, string Name, SqlType Type)
{
    public ColumnInfo ToInfo() => new(Name, Type);
}

/// <summary>Hands out query-unique column ids.</summary>
public sealed class ColumnIdGenerator
{
    private int _next;
    public int Next() => ++_next;
}
