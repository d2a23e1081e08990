using System.Globalization;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Binding;

public sealed partial class Binder
{
    private static readonly HashSet<string> AggregateNames = new(StringComparer.OrdinalIgnoreCase)
        { "count", "sum", "avg", "min", "max" };

    internal static bool IsAggregateCall(SqlExpr e) => e is FunctionCall f && AggregateNames.Contains(f.Name);

    /// <summary>True when the expression contains an aggregate call outside any subquery.</summary>
    internal static bool ContainsAggregate(SqlExpr? e) => FirstAggregate(e) is not null;

    /// <summary>The first aggregate call in the expression (outside subqueries), for error positions.</summary>
    internal static FunctionCall? FirstAggregate(SqlExpr? e) => e switch
    {
        null => null,
        FunctionCall f when AggregateNames.Contains(f.Name) => f,
        // sum(x) OVER (...) is not an aggregate of the query block, but sum(x) inside its window is.
        WindowCall w => WindowOperands(w).Select(FirstAggregate).FirstOrDefault(x => x is not null),
        FunctionCall f => f.Args.Select(FirstAggregate).FirstOrDefault(x => x is not null),
        UnaryExpr u => FirstAggregate(u.Operand),
        BinaryExpr b => FirstAggregate(b.Left) ?? FirstAggregate(b.Right),
        CaseExpr c => FirstAggregate(c.Operand) ?? c.Whens.Select(w => FirstAggregate(w.Condition) ?? FirstAggregate(w.Result)).FirstOrDefault(x => x is not null)
                      ?? FirstAggregate(c.Else),
        CastExpr c => FirstAggregate(c.Operand),
        BetweenExpr b => FirstAggregate(b.Operand) ?? FirstAggregate(b.Low) ?? FirstAggregate(b.High),
        LikeExpr l => FirstAggregate(l.Operand) ?? FirstAggregate(l.Pattern),
        InListExpr i => FirstAggregate(i.Operand) ?? i.Items.Select(FirstAggregate).FirstOrDefault(x => x is not null),
        InSubqueryExpr i => FirstAggregate(i.Operand),
        IsNullExpr i => FirstAggregate(i.Operand),
        _ => null,
    };

    internal BoundExpr BindExpr(SqlExpr e, Scope scope, AggregationContext? agg = null)
    {
        _depth.Enter(e.Position);
        try
        {
            return BindExprAt(e, scope, agg);
        }
        finally
        {
            _depth.Leave();
        }
    }

    private BoundExpr BindExprAt(SqlExpr e, Scope scope, AggregationContext? agg)
    {
        if (agg is not null)
        {
            if (IsAggregateCall(e)) return BindAggregate((FunctionCall)e, scope, agg);
            if (!ContainsAggregate(e) && FirstWindow(e) is null)
            {
                var plain = BindExpr(e, scope);
                if (agg.TryGroup(plain) is { } grouped) return grouped;
                if (!ExprUtil.Any(plain, x => x is BoundColumn)) return plain;
                if (e is ColumnRef cr)
                    throw new SqlBindException(cr.Position, $"column '{cr}' must appear in GROUP BY or be used in an aggregate function");
            }
        }
        switch (e)
        {
            case ColumnRef c:
                return scope.Resolve(c);
            case StarExpr s:
                throw new SqlBindException(s.Position, "'*' is only allowed in a select list or in count(*)");
            case LiteralExpr l:
                return BindLiteral(l);
            case IntervalExpr i:
                throw new SqlBindException(i.Position, "an interval can only be added to or subtracted from a date");
            case UnaryExpr { Op: UnaryOp.Not } u:
                return new BoundUnary(UnaryOp.Not, ExpectBoolean(BindExpr(u.Operand, scope, agg), u.Operand.Position, "NOT"), SqlType.Boolean);
            case UnaryExpr u:
            {
                var operand = BindExpr(u.Operand, scope, agg);
                if (!operand.Type.IsNumeric && operand.Type.Kind != SqlTypeKind.Null)
                    throw new SqlBindException(u.Position, $"cannot negate a value of type {operand.Type}");
                return new BoundUnary(UnaryOp.Negate, operand, operand.Type);
            }
            case BinaryExpr b:
                return BindBinary(b, scope, agg);
            case FunctionCall f:
                if (AggregateNames.Contains(f.Name))
                    throw new SqlBindException(f.Position, $"aggregate function {f.Name}() is not allowed here");
                return BindFunction(f, scope, agg);
            case WindowCall w:
                return BindWindow(w, scope, agg);
            case CaseExpr c:
                return BindCase(c, scope, agg);
            case CastExpr c:
            {
                var operand = BindExpr(c.Operand, scope, agg);
                var target = TypeRules.FromTypeName(c.Type)
                    ?? throw new SqlBindException(c.Type.Position, $"unknown type '{c.Type}'");
                if (!TypeRules.CanCast(operand.Type, target))
                    throw new SqlBindException(c.Position, $"cannot cast {operand.Type} to {target}");
                return Coerce(operand, target, c.Operand.Position);
            }
            case BetweenExpr b:
            {
                var operand = BindExpr(b.Operand, scope, agg);
                var low = Compare(BinaryOp.GtEq, operand, BindExpr(b.Low, scope, agg), b.Position);
                var high = Compare(BinaryOp.LtEq, operand, BindExpr(b.High, scope, agg), b.Position);
                BoundExpr both = new BoundBinary(BinaryOp.And, low, high, SqlType.Boolean);
                return b.Negated ? new BoundUnary(UnaryOp.Not, both, SqlType.Boolean) : both;
            }
            case LikeExpr l:
            {
                var operand = ExpectText(BindExpr(l.Operand, scope, agg), l.Operand.Position, "LIKE");
                var pattern = ExpectText(BindExpr(l.Pattern, scope, agg), l.Pattern.Position, "LIKE");
                return new BoundLike(operand, pattern, l.Negated);
            }
            case InListExpr i:
            {
                var operand = BindExpr(i.Operand, scope, agg);
                var items = i.Items.Select(x => BindExpr(x, scope, agg)).ToList();
                var type = operand.Type;
                for (int k = 0; k < items.Count; k++)
                    type = TypeRules.CommonType(type, items[k].Type)
                        ?? throw new SqlBindException(i.Items[k].Position, $"cannot compare {operand.Type} with {items[k].Type} in IN list");
                return new BoundInList(Coerce(operand, type, i.Operand.Position),
                    items.Select((x, k) => Coerce(x, type, i.Items[k].Position)).ToList(), i.Negated);
            }
            case InSubqueryExpr i:
            {
                var operand = BindExpr(i.Operand, scope, agg);
                var plan = BindSubquery(i.Subquery, scope, i.Position, "IN");
                var column = plan.Output[0];
                var type = TypeRules.CommonType(operand.Type, column.Type)
                    ?? throw new SqlBindException(i.Position, $"cannot compare {operand.Type} with subquery column of type {column.Type}");
                if (column.Type != type)
                {
                    var cast = new PlanColumn(_ids.Next(), column.Name, type);
                    plan = new ProjectNode(plan, [Coerce(new BoundColumn(column.Id, column.Name, column.Type), type, i.Position)], [cast]);
                }
                return new BoundInSubquery(Coerce(operand, type, i.Operand.Position), plan, i.Negated, _ids.Next());
            }
            case ExistsExpr x:
                return new BoundExists(BindQuery(x.Subquery, scope), false, _ids.Next());
            case ScalarSubqueryExpr s:
            {
                var plan = BindSubquery(s.Subquery, scope, s.Position, "a scalar subquery");
                return new BoundScalarSubquery(plan, plan.Output[0].Type, _ids.Next());
            }
            case IsNullExpr n:
                return new BoundIsNull(BindExpr(n.Operand, scope, agg), n.Negated);
            default:
                throw new SqlBindException(e.Position, $"unsupported expression {e.GetType().Name}");
        }
    }

    private LogicalPlan BindSubquery(Query q, Scope scope, SourcePosition pos, string what)
    {
        var plan = BindQuery(q, scope);
        if (plan.Output.Count != 1)
            throw new SqlBindException(pos, $"{what} must return exactly one column but returns {plan.Output.Count}");
        return plan;
    }

    private static BoundExpr BindLiteral(LiteralExpr l)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (l.Kind)
        {
            case LiteralKind.Integer:
                if (long.TryParse(l.Text, NumberStyles.AllowLeadingSign, inv, out long v))
                    return new BoundConstant(v, v is >= int.MinValue and <= int.MaxValue ? SqlType.Int32 : SqlType.Int64);
                if (decimal.TryParse(l.Text, NumberStyles.AllowLeadingSign, inv, out decimal big))
                    return new BoundConstant(big, SqlType.Decimal(38, 0));
                throw new SqlBindException(l.Position, $"integer literal {l.Text} is too large");
            case LiteralKind.Decimal:
            {
                string digits = l.Text.TrimStart('-');
                int dot = digits.IndexOf('.');
                int scale = digits.Length - dot - 1;
                int precision = Math.Max(digits.Replace(".", "").TrimStart('0').Length, scale);
                if (precision > SqlType.MaxDecimalPrecision || !decimal.TryParse(l.Text, NumberStyles.Number, inv, out decimal m))
                    return new BoundConstant(double.Parse(l.Text, inv), SqlType.Double);
                return new BoundConstant(m, SqlType.Decimal(Math.Max(precision, 1), scale));
            }
            case LiteralKind.Float:
                return new BoundConstant(double.Parse(l.Text, NumberStyles.Float, inv), SqlType.Double);
            case LiteralKind.String:
                return new BoundConstant(l.Text, SqlType.Varchar);
            case LiteralKind.Boolean:
                return new BoundConstant(l.Text == "true" ? 1L : 0L, SqlType.Boolean);
            case LiteralKind.Date:
                Dates.TryParse(l.Text, out long days);
                return new BoundConstant(days, SqlType.Date);
            default:
                return new BoundConstant(null, SqlType.Null);
        }
    }

    private BoundExpr BindBinary(BinaryExpr b, Scope scope, AggregationContext? agg)
    {
        if (b.Op is BinaryOp.Add or BinaryOp.Subtract && (b.Right is IntervalExpr || b.Left is IntervalExpr))
            return BindIntervalArithmetic(b, scope, agg);
        var left = BindExpr(b.Left, scope, agg);
        var right = BindExpr(b.Right, scope, agg);
        switch (b.Op)
        {
            case BinaryOp.And:
            case BinaryOp.Or:
                return new BoundBinary(b.Op, ExpectBoolean(left, b.Left.Position, b.Op.ToString().ToUpperInvariant()),
                    ExpectBoolean(right, b.Right.Position, b.Op.ToString().ToUpperInvariant()), SqlType.Boolean);
            case BinaryOp.Eq:
            case BinaryOp.NotEq:
            case BinaryOp.Lt:
            case BinaryOp.LtEq:
            case BinaryOp.Gt:
            case BinaryOp.GtEq:
                return Compare(b.Op, left, right, b.Position);
            case BinaryOp.Concat:
                return new BoundBinary(BinaryOp.Concat, Coerce(left, SqlType.Varchar, b.Left.Position),
                    Coerce(right, SqlType.Varchar, b.Right.Position), SqlType.Varchar);
            default:
                return Arithmetic(b.Op, left, right, b.Position);
        }
    }

    internal BoundExpr Arithmetic(BinaryOp op, BoundExpr left, BoundExpr right, SourcePosition pos)
    {
        // NULL literals take the other side's type.
        if (left.Type.Kind == SqlTypeKind.Null) left = Coerce(left, right.Type.Kind == SqlTypeKind.Null ? SqlType.Int32 : right.Type, pos);
        if (right.Type.Kind == SqlTypeKind.Null) right = Coerce(right, left.Type, pos);
        // A string literal next to a date is a date ('2000-01-01' - d_date is rare but legal).
        if (left.Type.Kind == SqlTypeKind.Date && right is BoundConstant { Value: string }) right = Coerce(right, SqlType.Date, pos);
        var result = TypeRules.ArithmeticResult(op, left.Type, right.Type)
            ?? throw new SqlBindException(pos, $"operator '{BoundBinary.Symbol(op)}' cannot be applied to {left.Type} and {right.Type}");
        if (left.Type.Kind == SqlTypeKind.Date || right.Type.Kind == SqlTypeKind.Date)
        {
            if (right.Type.Kind == SqlTypeKind.Date && left.Type.Kind != SqlTypeKind.Date) (left, right) = (right, left);
            return new BoundBinary(op, left, right.Type.IsInteger ? Coerce(right, SqlType.Int64, pos) : right, result);
        }
        // Operands share one storage kind: double, decimal (with their own scales) or long.
        SqlType operandType = result.Kind == SqlTypeKind.Double ? SqlType.Double
            : result.Kind == SqlTypeKind.Decimal ? null! : SqlType.Int64;
        if (operandType is null)
        {
            left = ToDecimal(left, pos);
            right = ToDecimal(right, pos);
        }
        else if (!(left.Type.IsInteger && right.Type.IsInteger))
        {
            left = Coerce(left, operandType, pos);
            right = Coerce(right, operandType, pos);
        }
        return new BoundBinary(op, left, right, result);
    }

    private BoundExpr ToDecimal(BoundExpr e, SourcePosition pos) => e.Type.Kind == SqlTypeKind.Decimal ? e
        : Coerce(e, SqlType.Decimal(e.Type.Kind == SqlTypeKind.Int32 ? 10 : 19, 0), pos);

    private BoundExpr BindIntervalArithmetic(BinaryExpr b, Scope scope, AggregationContext? agg)
    {
        var (dateSide, interval) = b.Right is IntervalExpr ri ? (b.Left, ri) : (b.Right, (IntervalExpr)b.Left);
        if (b.Left is IntervalExpr && b.Op == BinaryOp.Subtract)
            throw new SqlBindException(b.Position, "cannot subtract a date from an interval");
        var date = BindExpr(dateSide, scope, agg);
        if (date is BoundConstant { Value: string }) date = Coerce(date, SqlType.Date, dateSide.Position);
        if (date.Type.Kind != SqlTypeKind.Date)
            throw new SqlBindException(dateSide.Position, $"an interval can only be added to a date, not to {date.Type}");
        long amount = b.Op == BinaryOp.Subtract ? -interval.Amount : interval.Amount;
        return interval.Unit switch
        {
            IntervalUnit.Day => new BoundBinary(BinaryOp.Add, date, new BoundConstant(amount, SqlType.Int64), SqlType.Date),
            IntervalUnit.Month => new BoundFunction("add_months", [date, new BoundConstant(amount, SqlType.Int64)], SqlType.Date),
            _ => new BoundFunction("add_months", [date, new BoundConstant(amount * 12, SqlType.Int64)], SqlType.Date),
        };
    }

    internal BoundExpr Compare(BinaryOp op, BoundExpr left, BoundExpr right, SourcePosition pos)
    {
        var type = TypeRules.CommonType(left.Type, right.Type)
            ?? throw new SqlBindException(pos, $"cannot compare {left.Type} with {right.Type}");
        if (type.Kind == SqlTypeKind.Null) type = SqlType.Int32;
        return new BoundBinary(op, Coerce(left, type, pos), Coerce(right, type, pos), SqlType.Boolean);
    }

    private BoundExpr BindCase(CaseExpr c, Scope scope, AggregationContext? agg)
    {
        var operand = c.Operand is null ? null : BindExpr(c.Operand, scope, agg);
        var conditions = new List<BoundExpr>();
        var results = new List<BoundExpr>();
        foreach (var w in c.Whens)
        {
            var cond = BindExpr(w.Condition, scope, agg);
            conditions.Add(operand is null ? ExpectBoolean(cond, w.Condition.Position, "WHEN") : Compare(BinaryOp.Eq, operand, cond, w.Condition.Position));
            results.Add(BindExpr(w.Result, scope, agg));
        }
        var elseExpr = c.Else is null ? new BoundConstant(null, SqlType.Null) : BindExpr(c.Else, scope, agg);
        var type = elseExpr.Type;
        for (int i = 0; i < results.Count; i++)
            type = TypeRules.CommonType(type, results[i].Type)
                ?? throw new SqlBindException(c.Whens[i].Result.Position, $"CASE branches mix {type} and {results[i].Type}");
        if (type.Kind == SqlTypeKind.Null) type = SqlType.Int32;
        return new BoundCase(conditions, results.Select((r, i) => Coerce(r, type, c.Whens[i].Result.Position)).ToList(),
            Coerce(elseExpr, type, c.Else?.Position ?? c.Position), type);
    }

    private static BoundExpr ExpectBoolean(BoundExpr e, SourcePosition pos, string context)
    {
        if (e.Type.Kind == SqlTypeKind.Null) return new BoundConstant(null, SqlType.Boolean);
        if (e.Type.Kind != SqlTypeKind.Boolean)
            throw new SqlBindException(pos, $"{context} expects a boolean but got {e.Type}");
        return e;
    }

    private static BoundExpr ExpectText(BoundExpr e, SourcePosition pos, string context)
    {
        if (e.Type.Kind == SqlTypeKind.Null) return new BoundConstant(null, SqlType.Varchar);
        if (e.Type.Kind != SqlTypeKind.Varchar)
            throw new SqlBindException(pos, $"{context} expects a string but got {e.Type}");
        return e;
    }

    /// <summary>Converts to <paramref name="type"/>: constants are converted now, other expressions get a cast.</summary>
    internal static BoundExpr Coerce(BoundExpr e, SqlType type, SourcePosition pos)
    {
        if (e.Type == type) return e;
        if (e is BoundConstant c)
        {
            if (c.Value is null) return new BoundConstant(null, type);
            if (!ValueConversion.TryConvert(c.Value, c.Type, type, out var converted))
                throw new SqlBindException(pos, $"cannot convert {c} to {type}");
            return new BoundConstant(converted, type);
        }
        if (!TypeRules.CanCast(e.Type, type))
            throw new SqlBindException(pos, $"cannot convert {e.Type} to {type}");
        return new BoundCast(e, type);
    }
}
