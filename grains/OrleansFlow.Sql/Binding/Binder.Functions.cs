using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Binding;

public sealed partial class Binder
{
    private BoundColumn BindAggregate(FunctionCall f, Scope scope, AggregationContext agg)
    {
        string name = f.Name.ToLowerInvariant();
        if (f.IsStar)
        {
            if (name != "count") throw new SqlBindException(f.Position, $"{name}(*) is not valid; only count(*) is");
            return agg.AddAggregate(new AggregateCall(AggregateFunction.CountStar, null, false, SqlType.Int64), "count_star()");
        }
        if (f.Args.Count != 1)
            throw new SqlBindException(f.Position, $"aggregate {name}() takes exactly one argument but got {f.Args.Count}");
        if (ContainsAggregate(f.Args[0]))
            throw new SqlBindException(f.Args[0].Position, "aggregate function calls cannot be nested");
        if (FirstWindow(f.Args[0]) is { } window)
            throw new SqlBindException(window.Position, "window functions cannot be used inside aggregate functions");
        var arg = BindExpr(f.Args[0], scope);
        if (arg.Type.Kind == SqlTypeKind.Null) arg = Coerce(arg, SqlType.Int32, f.Position);
        var (function, type) = name switch
        {
            "count" => (AggregateFunction.Count, SqlType.Int64),
            "min" => (AggregateFunction.Min, arg.Type),
            "max" => (AggregateFunction.Max, arg.Type),
            "sum" => (AggregateFunction.Sum, arg.Type.Kind switch
            {
                SqlTypeKind.Int32 or SqlTypeKind.Int64 => SqlType.Int64,
                SqlTypeKind.Decimal => SqlType.Decimal(SqlType.MaxDecimalPrecision, arg.Type.Scale),
                SqlTypeKind.Double => SqlType.Double,
                _ => throw new SqlBindException(f.Args[0].Position, $"sum() cannot add values of type {arg.Type}"),
            }),
            _ => (AggregateFunction.Avg, arg.Type.IsNumeric ? SqlType.Double
                : throw new SqlBindException(f.Args[0].Position, $"avg() cannot average values of type {arg.Type}")),
        };
        var call = new AggregateCall(function, arg, f.Distinct && function is not (AggregateFunction.Min or AggregateFunction.Max), type);
        return agg.AddAggregate(call, $"{name}({(f.Distinct ? "DISTINCT " : "")}{DisplayName(f.Args[0])})");
    }

    private BoundExpr BindFunction(FunctionCall f, Scope scope, AggregationContext? agg)
    {
        string name = f.Name.ToLowerInvariant();
        if (f.IsStar) throw new SqlBindException(f.Position, $"{name}(*) is not valid");
        if (f.Distinct) throw new SqlBindException(f.Position, $"DISTINCT is only allowed in aggregate functions, not in {name}()");
        var args = f.Args.Select(a => BindExpr(a, scope, agg)).ToList();

        void Arity(int min, int max)
        {
            if (args.Count < min || args.Count > max)
                throw new SqlBindException(f.Position, min == max
                    ? $"{name}() takes {min} argument{(min == 1 ? "" : "s")} but got {args.Count}"
                    : $"{name}() takes {min} to {max} arguments but got {args.Count}");
        }
        BoundExpr Text(int i) => args[i].Type.Kind == SqlTypeKind.Varchar ? args[i]
            : args[i].Type.Kind == SqlTypeKind.Null ? new BoundConstant(null, SqlType.Varchar)
            : throw new SqlBindException(f.Args[i].Position, $"{name}() expects a string but argument {i + 1} is {args[i].Type}");
        BoundExpr Integer(int i) => args[i].Type.IsInteger ? Coerce(args[i], SqlType.Int64, f.Args[i].Position)
            : args[i].Type.Kind == SqlTypeKind.Null ? new BoundConstant(null, SqlType.Int64)
            : throw new SqlBindException(f.Args[i].Position, $"{name}() expects an integer but argument {i + 1} is {args[i].Type}");
        BoundExpr Date(int i) => args[i].Type.Kind == SqlTypeKind.Date ? args[i]
            : args[i] is BoundConstant { Value: string or null } ? Coerce(args[i], SqlType.Date, f.Args[i].Position)
            : throw new SqlBindException(f.Args[i].Position, $"{name}() expects a date but argument {i + 1} is {args[i].Type}");

        switch (name)
        {
            case "coalesce":
            case "greatest":
            case "least":
            {
                if (args.Count == 0) throw new SqlBindException(f.Position, $"{name}() needs at least one argument");
                var type = args[0].Type;
                for (int i = 1; i < args.Count; i++)
                    type = TypeRules.CommonType(type, args[i].Type)
                        ?? throw new SqlBindException(f.Args[i].Position, $"{name}() mixes {type} and {args[i].Type}");
                if (type.Kind == SqlTypeKind.Null) type = SqlType.Int32;
                return new BoundFunction(name, args.Select((a, i) => Coerce(a, type, f.Args[i].Position)).ToList(), type);
            }
            case "nullif":
            {
                Arity(2, 2);
                var type = TypeRules.CommonType(args[0].Type, args[1].Type)
                    ?? throw new SqlBindException(f.Position, $"nullif() cannot compare {args[0].Type} with {args[1].Type}");
                if (type.Kind == SqlTypeKind.Null) type = SqlType.Int32;
                return new BoundFunction(name, [Coerce(args[0], type, f.Args[0].Position), Coerce(args[1], type, f.Args[1].Position)], type);
            }
            case "abs":
                Arity(1, 1);
                if (!args[0].Type.IsNumeric) throw new SqlBindException(f.Args[0].Position, $"abs() expects a number but got {args[0].Type}");
                return new BoundFunction(name, args, args[0].Type);
            case "round":
            {
                Arity(1, 2);
                var x = args[0];
                if (!x.Type.IsNumeric) throw new SqlBindException(f.Args[0].Position, $"round() expects a number but got {x.Type}");
                long digits = 0;
                if (args.Count == 2)
                {
                    if (args[1] is not BoundConstant { Value: long d })
                        throw new SqlBindException(f.Args[1].Position, "round() expects a constant integer number of digits");
                    digits = d;
                }
                var type = x.Type.Kind == SqlTypeKind.Decimal
                    ? SqlType.Decimal(x.Type.Precision, (int)Math.Clamp(digits, 0, x.Type.Scale))
                    : x.Type;
                return new BoundFunction(name, [x, new BoundConstant(digits, SqlType.Int64)], type);
            }
            case "upper":
            case "lower":
            case "trim":
            case "ltrim":
            case "rtrim":
            case "reverse":
                Arity(1, 1);
                return new BoundFunction(name, [Text(0)], SqlType.Varchar);
            case "length":
            case "char_length":
            case "character_length":
                Arity(1, 1);
                return new BoundFunction("length", [Text(0)], SqlType.Int64);
            case "substring":
            case "substr":
                Arity(2, 3);
                return new BoundFunction("substring", args.Count == 2 ? [Text(0), Integer(1)] : [Text(0), Integer(1), Integer(2)], SqlType.Varchar);
            case "replace":
                Arity(3, 3);
                return new BoundFunction(name, [Text(0), Text(1), Text(2)], SqlType.Varchar);
            case "concat":
                if (args.Count == 0) throw new SqlBindException(f.Position, "concat() needs at least one argument");
                return new BoundFunction(name, args.Select((a, i) => Coerce(a, SqlType.Varchar, f.Args[i].Position)).ToList(), SqlType.Varchar);
            case "starts_with":
            case "contains":
                Arity(2, 2);
                return new BoundFunction(name, [Text(0), Text(1)], SqlType.Boolean);
            case "year":
            case "month":
            case "day":
            case "dayofmonth":
                Arity(1, 1);
                return new BoundFunction(name == "dayofmonth" ? "day" : name, [Date(0)], SqlType.Int64);
            case "date_diff":
            case "datediff":
                Arity(3, 3);
                if (args[0] is not BoundConstant { Value: string unit } || unit.ToLowerInvariant() is not ("day" or "days"))
                    throw new SqlBindException(f.Args[0].Position, $"{name}() supports only the unit 'day'");
                return new BoundFunction("date_diff_days", [Date(1), Date(2)], SqlType.Int64);
            case "row_number" or "rank" or "dense_rank" or "percent_rank" or "cume_dist" or "ntile" or "lag" or "lead"
                or "first_value" or "last_value" or "nth_value":
                throw new SqlBindException(f.Position, $"{name}() is a window function and needs an OVER clause");
            case "stddev_samp" or "stddev" or "stddev_pop" or "var_samp" or "variance" or "var_pop":
                // The window operator computes these; the hash aggregate has no accumulator for them yet.
                throw new SqlBindException(f.Position, $"{name}() is supported only over a window (with OVER) so far");
            default:
                throw new SqlBindException(f.Position, $"unknown function {name}()");
        }
    }

    /// <summary>The column name a select item gets when it has no alias.</summary>
    internal static string DisplayName(SqlExpr e) => e switch
    {
        ColumnRef c => c.Name,
        FunctionCall f when f.IsStar => f.Name.ToLowerInvariant() == "count" ? "count_star()" : $"{f.Name}(*)",
        FunctionCall f => $"{f.Name.ToLowerInvariant()}({(f.Distinct ? "DISTINCT " : "")}{string.Join(", ", f.Args.Select(DisplayName))})",
        LiteralExpr l => l.Text,
        WindowCall w => $"{DisplayName(w.Function)} OVER ({WindowText(w.Window)})",
        CastExpr c => $"CAST({DisplayName(c.Operand)} AS {c.Type.Name.ToUpperInvariant()})",
        BinaryExpr b => $"({DisplayName(b.Left)} {BoundBinary.Symbol(b.Op)} {DisplayName(b.Right)})",
        _ => e.GetType().Name.Replace("Expr", "").ToLowerInvariant(),
    };

    private static string WindowText(WindowSpec w)
    {
        var parts = new List<string>();
        if (w.PartitionBy.Count > 0) parts.Add("PARTITION BY " + string.Join(", ", w.PartitionBy.Select(DisplayName)));
        if (w.OrderBy.Count > 0) parts.Add("ORDER BY " + string.Join(", ", w.OrderBy.Select(o => DisplayName(o.Expr) + (o.Descending ? " DESC" : ""))));
        if (w.Frame is not null) parts.Add(w.Frame.ToString());
        return string.Join(" ", parts);
    }
}
