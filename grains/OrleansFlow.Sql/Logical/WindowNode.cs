using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Logical;

public enum WindowFunction
{
    RowNumber, Rank, DenseRank, PercentRank, CumeDist, Ntile,
    Lag, Lead, FirstValue, LastValue, NthValue,
    CountStar, Count, Sum, Avg, Min, Max, StddevSamp, StddevPop, VarSamp, VarPop,
}

/// <summary>
/// One function of a <see cref="WindowNode"/>: its arguments (expressions over the node's input) and its frame.
/// Ranking functions and lag/lead ignore the frame (as in DuckDB); it is kept so every call prints the same way.
/// </summary>
public sealed record WindowFunctionCall(WindowFunction Function, IReadOnlyList<BoundExpr> Args, WindowFrame Frame, SqlType Type)
{
    public static string NameOf(WindowFunction f) => f switch
    {
        WindowFunction.RowNumber => "row_number", WindowFunction.Rank => "rank", WindowFunction.DenseRank => "dense_rank",
        WindowFunction.PercentRank => "percent_rank", WindowFunction.CumeDist => "cume_dist", WindowFunction.Ntile => "ntile",
        WindowFunction.Lag => "lag", WindowFunction.Lead => "lead", WindowFunction.FirstValue => "first_value",
        WindowFunction.LastValue => "last_value", WindowFunction.NthValue => "nth_value", WindowFunction.CountStar => "count",
        WindowFunction.Count => "count", WindowFunction.Sum => "sum", WindowFunction.Avg => "avg", WindowFunction.Min => "min",
        WindowFunction.Max => "max", WindowFunction.StddevSamp => "stddev_samp", WindowFunction.StddevPop => "stddev_pop",
        WindowFunction.VarSamp => "var_samp", _ => "var_pop",
    };

    /// <summary>Whether the result depends on the frame (aggregates and first/last/nth_value).</summary>
    public bool UsesFrame => Function is not (WindowFunction.RowNumber or WindowFunction.Rank or WindowFunction.DenseRank
        or WindowFunction.PercentRank or WindowFunction.CumeDist or WindowFunction.Ntile or WindowFunction.Lag or WindowFunction.Lead);

    public override string ToString() =>
        $"{NameOf(Function)}({(Function == WindowFunction.CountStar ? "*" : string.Join(", ", Args))}){(UsesFrame ? " " + Frame : "")}";
}

/// <summary>
/// Computes window functions that share one PARTITION BY / ORDER BY. Output = the input columns, then one column
/// per function. Rows keep their values but not their order (the operator sorts by partition and order keys).
/// Queries with several distinct windows get one node per window, stacked.
/// </summary>
public sealed record WindowNode(LogicalPlan Input, IReadOnlyList<BoundExpr> PartitionBy, IReadOnlyList<SortKey> OrderBy,
    IReadOnlyList<WindowFunctionCall> Functions, IReadOnlyList<PlanColumn> Columns) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => [.. Input.Output, .. Columns];
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };

    public override string Describe() =>
        "Window" + (PartitionBy.Count > 0 ? $" partition=[{string.Join(", ", PartitionBy)}]" : "")
        + (OrderBy.Count > 0 ? $" order=[{string.Join(", ", OrderBy)}]" : "")
        + $" fns=[{string.Join(", ", Functions.Select((f, i) => $"{f} AS {Columns[i].Name}#{Columns[i].Id}"))}]";

    /// <summary>The frame a window gets when none is written: up to the current row's last peer with ORDER BY,
    /// otherwise the whole partition.</summary>
    public static WindowFrame DefaultFrame(bool ordered, SourcePosition pos) => ordered
        ? new WindowFrame(pos, FrameUnit.Range, new FrameBound(pos, FrameBoundKind.UnboundedPreceding), new FrameBound(pos, FrameBoundKind.CurrentRow))
        : new WindowFrame(pos, FrameUnit.Rows, new FrameBound(pos, FrameBoundKind.UnboundedPreceding), new FrameBound(pos, FrameBoundKind.UnboundedFollowing));
}
