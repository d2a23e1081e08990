namespace OrleansFlow.Sql.Parsing;

public enum FrameUnit { Rows, Range }

public enum FrameBoundKind { UnboundedPreceding, Preceding, CurrentRow, Following, UnboundedFollowing }

/// <summary>One end of a window frame; <see cref="Offset"/> counts rows (ROWS) or order-key units (RANGE).</summary>
public sealed record FrameBound(SourcePosition Position, FrameBoundKind Kind, long Offset = 0)
{
    public override string ToString() => Kind switch
    {
        FrameBoundKind.UnboundedPreceding => "UNBOUNDED PRECEDING",
        FrameBoundKind.Preceding => $"{Offset} PRECEDING",
        FrameBoundKind.CurrentRow => "CURRENT ROW",
        FrameBoundKind.Following => $"{Offset} FOLLOWING",
        _ => "UNBOUNDED FOLLOWING",
    };

    /// <summary>Rows from the current row: negative before it, positive after; unbounded ends at ±infinity.</summary>
    public long Reach => Kind switch
    {
        FrameBoundKind.UnboundedPreceding => long.MinValue,
        FrameBoundKind.Preceding => -Offset,
        FrameBoundKind.CurrentRow => 0,
        FrameBoundKind.Following => Offset,
        _ => long.MaxValue,
    };
}

public sealed record WindowFrame(SourcePosition Position, FrameUnit Unit, FrameBound Start, FrameBound End)
{
    public override string ToString() => $"{Unit.ToString().ToUpperInvariant()} BETWEEN {Start} AND {End}";
}

/// <summary>The parenthesised part after OVER.</summary>
public sealed record WindowSpec(SourcePosition Position, IReadOnlyList<SqlExpr> PartitionBy, IReadOnlyList<OrderItem> OrderBy, WindowFrame? Frame);

/// <summary><c>fn(args) OVER (...)</c>: a ranking, navigation or aggregate function evaluated over a window.</summary>
public sealed record WindowCall(SourcePosition Position, FunctionCall Function, WindowSpec Window) : SqlExpr(Position);
