using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Binding;

public sealed partial class Binder
{
    /// <summary>Set while a select list and its ORDER BY are bound: the only places a window function may appear.</summary>
    private WindowContext? _windows;

    /// <summary>The first window call in the expression (outside subqueries), for error positions.</summary>
    internal static WindowCall? FirstWindow(SqlExpr? e) => e switch
    {
        null => null,
        WindowCall w => w,
        FunctionCall f => f.Args.Select(FirstWindow).FirstOrDefault(x => x is not null),
        UnaryExpr u => FirstWindow(u.Operand),
        BinaryExpr b => FirstWindow(b.Left) ?? FirstWindow(b.Right),
        CaseExpr c => FirstWindow(c.Operand) ?? c.Whens.Select(w => FirstWindow(w.Condition) ?? FirstWindow(w.Result)).FirstOrDefault(x => x is not null)
                      ?? FirstWindow(c.Else),
        CastExpr c => FirstWindow(c.Operand),
        BetweenExpr b => FirstWindow(b.Operand) ?? FirstWindow(b.Low) ?? FirstWindow(b.High),
        LikeExpr l => FirstWindow(l.Operand) ?? FirstWindow(l.Pattern),
        InListExpr i => FirstWindow(i.Operand) ?? i.Items.Select(FirstWindow).FirstOrDefault(x => x is not null),
        InSubqueryExpr i => FirstWindow(i.Operand),
        IsNullExpr i => FirstWindow(i.Operand),
        _ => null,
    };

    /// <summary>Everything a window call evaluates besides the call itself: arguments, partition and order keys.</summary>
    internal static IEnumerable<SqlExpr> WindowOperands(WindowCall w) =>
        [.. w.Function.Args, .. w.Window.PartitionBy, .. w.Window.OrderBy.Select(o => o.Expr)];

    private static void RefuseWindows(SqlExpr? e, string clause)
    {
        if (FirstWindow(e) is { } w) throw new SqlBindException(w.Position, $"window functions are not allowed in {clause}");
    }

    private BoundColumn BindWindow(WindowCall w, Scope scope, AggregationContext? agg)
    {
        var f = w.Function;
        string name = f.Name.ToLowerInvariant();
        if (_windows is null) throw new SqlBindException(w.Position, "window functions are only allowed in the select list and ORDER BY");
        foreach (var operand in WindowOperands(w))
            if (FirstWindow(operand) is { } nested) throw new SqlBindException(nested.Position, "window function calls cannot be nested");

        var partitionBy = w.Window.PartitionBy.Select(p => BindExpr(p, scope, agg)).ToList();
        var orderBy = w.Window.OrderBy.Select(o => new SortKey(BindExpr(o.Expr, scope, agg), o.Descending, o.NullsFirst ?? false)).ToList();
        var frame = w.Window.Frame ?? WindowNode.DefaultFrame(orderBy.Count > 0, w.Window.Position);
        CheckFrame(frame, orderBy);
        var args = f.Args.Select(a => BindExpr(a, scope, agg)).ToList();

        void Arity(int min, int max)
        {
            if (args.Count < min || args.Count > max)
                throw new SqlBindException(f.Position, min == max
                    ? $"{name}() takes {(min == 0 ? "no" : min.ToString(System.Globalization.CultureInfo.InvariantCulture))} argument{(min == 1 ? "" : "s")} but got {args.Count}"
                    : $"{name}() takes {min} to {max} arguments but got {args.Count}");
        }
        BoundExpr Integer(int i, string what)
        {
            if (args[i].Type.Kind == SqlTypeKind.Null) return new BoundConstant(null, SqlType.Int64);
            if (!args[i].Type.IsInteger) throw new SqlBindException(f.Args[i].Position, $"{name}() expects an integer {what} but got {args[i].Type}");
            return Coerce(args[i], SqlType.Int64, f.Args[i].Position);
        }
        BoundExpr Value(int i) => args[i].Type.Kind == SqlTypeKind.Null ? Coerce(args[i], SqlType.Int32, f.Args[i].Position) : args[i];
        BoundExpr Number(int i)
        {
            var v = Value(i);
            if (!v.Type.IsNumeric) throw new SqlBindException(f.Args[i].Position, $"{name}() expects a number but got {v.Type}");
            return v;
        }

        if (f.IsStar && name != "count") throw new SqlBindException(f.Position, $"{name}(*) is not valid; only count(*) is");
        if (f.Distinct)
            throw new SqlBindException(f.Position, IsAggregateWindow(name)
                ? $"DISTINCT is not supported in window aggregates ({name})"
                : $"DISTINCT is only allowed in aggregate functions, not in {name}()");

        WindowFunctionCall call;
        switch (name)
        {
            case "row_number" or "rank" or "dense_rank" or "percent_rank" or "cume_dist":
            {
                Arity(0, 0);
                var (fn, type) = name switch
                {
                    "row_number" => (WindowFunction.RowNumber, SqlType.Int64),
                    "rank" => (WindowFunction.Rank, SqlType.Int64),
                    "dense_rank" => (WindowFunction.DenseRank, SqlType.Int64),
                    "percent_rank" => (WindowFunction.PercentRank, SqlType.Double),
                    _ => (WindowFunction.CumeDist, SqlType.Double),
                };
                call = new WindowFunctionCall(fn, [], frame, type);
                break;
            }
            case "ntile":
            {
                Arity(1, 1);
                var buckets = Integer(0, "number of buckets");
                if (buckets is BoundConstant { Value: long n } && n <= 0)
                    throw new SqlBindException(f.Args[0].Position, $"ntile() needs a positive number of buckets but got {n}");
                call = new WindowFunctionCall(WindowFunction.Ntile, [buckets], frame, SqlType.Int64);
                break;
            }
            case "lag" or "lead":
            {
                Arity(1, 3);
                var value = Value(0);
                var offset = args.Count > 1 ? Integer(1, "offset") : new BoundConstant(1L, SqlType.Int64);
                var fallback = args.Count > 2 ? Coerce(args[2], value.Type, f.Args[2].Position) : new BoundConstant(null, value.Type);
                call = new WindowFunctionCall(name == "lag" ? WindowFunction.Lag : WindowFunction.Lead, [value, offset, fallback], frame, value.Type);
                break;
            }
            case "first_value" or "last_value":
                Arity(1, 1);
                call = new WindowFunctionCall(name == "first_value" ? WindowFunction.FirstValue : WindowFunction.LastValue, [Value(0)], frame, Value(0).Type);
                break;
            case "nth_value":
            {
                Arity(2, 2);
                var position = Integer(1, "position");
                if (position is BoundConstant { Value: long n } && n <= 0)
                    throw new SqlBindException(f.Args[1].Position, $"nth_value() needs a position of at least 1 but got {n}");
                call = new WindowFunctionCall(WindowFunction.NthValue, [Value(0), position], frame, Value(0).Type);
                break;
            }
            case "count" when f.IsStar:
                call = new WindowFunctionCall(WindowFunction.CountStar, [], frame, SqlType.Int64);
                break;
            case "count":
                Arity(1, 1);
                call = new WindowFunctionCall(WindowFunction.Count, [Value(0)], frame, SqlType.Int64);
                break;
            case "min" or "max":
                Arity(1, 1);
                call = new WindowFunctionCall(name == "min" ? WindowFunction.Min : WindowFunction.Max, [Value(0)], frame, Value(0).Type);
                break;
            case "sum":
            {
                Arity(1, 1);
                var v = Value(0);
                var type = v.Type.Kind switch
                {
                    SqlTypeKind.Int32 or SqlTypeKind.Int64 => SqlType.Int64,
                    SqlTypeKind.Decimal => SqlType.Decimal(SqlType.MaxDecimalPrecision, v.Type.Scale),
                    SqlTypeKind.Double => SqlType.Double,
                    _ => throw new SqlBindException(f.Args[0].Position, $"sum() cannot add values of type {v.Type}"),
                };
                call = new WindowFunctionCall(WindowFunction.Sum, [v], frame, type);
                break;
            }
            case "avg" or "stddev_samp" or "stddev" or "stddev_pop" or "var_samp" or "variance" or "var_pop":
            {
                Arity(1, 1);
                var fn = name switch
                {
                    "avg" => WindowFunction.Avg,
                    "stddev_samp" or "stddev" => WindowFunction.StddevSamp,
                    "stddev_pop" => WindowFunction.StddevPop,
                    "var_samp" or "variance" => WindowFunction.VarSamp,
                    _ => WindowFunction.VarPop,
                };
                call = new WindowFunctionCall(fn, [Number(0)], frame, SqlType.Double);
                break;
            }
            default:
                throw new SqlBindException(f.Position, $"unknown window function {name}()");
        }
        // The column is named after the call alone; the window is printed with the node in EXPLAIN.
        return _windows.Add(partitionBy, orderBy, call, DisplayName(f));
    }

    private static bool IsAggregateWindow(string name) => name is "count" or "sum" or "avg" or "min" or "max" or "stddev_samp"
        or "stddev" or "stddev_pop" or "var_samp" or "variance" or "var_pop";

    /// <summary>Frames whose start lies after their end for every row, and RANGE offsets without one numeric order key, are refused.</summary>
    private static void CheckFrame(WindowFrame frame, IReadOnlyList<SortKey> orderBy)
    {
        if (frame.Start.Kind == FrameBoundKind.UnboundedFollowing)
            throw new SqlBindException(frame.Start.Position, "a window frame cannot start at UNBOUNDED FOLLOWING");
        if (frame.End.Kind == FrameBoundKind.UnboundedPreceding)
            throw new SqlBindException(frame.End.Position, "a window frame cannot end at UNBOUNDED PRECEDING");
        if (frame.Start.Reach > frame.End.Reach)
            throw new SqlBindException(frame.Position, $"the window frame starts after it ends ({frame.Start} .. {frame.End})");
        bool rangeOffset = frame.Unit == FrameUnit.Range
            && (frame.Start.Kind is FrameBoundKind.Preceding or FrameBoundKind.Following || frame.End.Kind is FrameBoundKind.Preceding or FrameBoundKind.Following);
        if (!rangeOffset) return;
        if (orderBy.Count != 1)
            throw new SqlBindException(frame.Position, $"RANGE with an offset needs exactly one ORDER BY expression but the window has {orderBy.Count}");
        if (!orderBy[0].Expr.Type.IsNumeric)
            throw new SqlBindException(frame.Position, $"RANGE with an offset needs a numeric ORDER BY expression but it is {orderBy[0].Expr.Type}");
    }
}
