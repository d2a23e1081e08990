using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Binding;

/// <summary>Implicit conversions and result types, following DuckDB where the two could differ.</summary>
public static class TypeRules
{
    /// <summary>Integer digits an integer type needs when it meets a decimal.</summary>
    private static int IntegerDigits(SqlType t) => t.Kind == SqlTypeKind.Int32 ? 10 : 19;

    private static SqlType AsDecimal(SqlType t) => t.Kind == SqlTypeKind.Decimal ? t : SqlType.Decimal(IntegerDigits(t), 0);

    /// <summary>The type both sides convert to for comparison, CASE, COALESCE, IN and set operations; null if none.</summary>
    public static SqlType? CommonType(SqlType a, SqlType b)
    {
        if (a == b) return a;
        if (a.Kind == SqlTypeKind.Null) return b;
        if (b.Kind == SqlTypeKind.Null) return a;
        if (a.IsNumeric && b.IsNumeric)
        {
            if (a.Kind == SqlTypeKind.Double || b.Kind == SqlTypeKind.Double) return SqlType.Double;
            if (a.IsInteger && b.IsInteger) return SqlType.Int64;
            var da = AsDecimal(a);
            var db = AsDecimal(b);
            int scale = Math.Max(da.Scale, db.Scale);
            int intDigits = Math.Max(da.Precision - da.Scale, db.Precision - db.Scale);
            return SqlType.Decimal(Math.Min(intDigits + scale, SqlType.MaxDecimalPrecision), scale);
        }
        // A string literal meets a date: read the string as a date (e.g. d_date between '2000-01-01' and ...).
        if ((a.Kind, b.Kind) is (SqlTypeKind.Date, SqlTypeKind.Varchar) or (SqlTypeKind.Varchar, SqlTypeKind.Date))
            return SqlType.Date;
        return null;
    }

    /// <summary>Result type of an arithmetic operator on operands already converted by <see cref="ArithmeticOperandType"/>.</summary>
    public static SqlType? ArithmeticResult(BinaryOp op, SqlType left, SqlType right)
    {
        if (left.Kind == SqlTypeKind.Date)
        {
            if (op == BinaryOp.Subtract && right.Kind == SqlTypeKind.Date) return SqlType.Int64;
            if (op is BinaryOp.Add or BinaryOp.Subtract && right.IsInteger) return SqlType.Date;
            return null;
        }
        if (right.Kind == SqlTypeKind.Date) return op == BinaryOp.Add && left.IsInteger ? SqlType.Date : null;
        if (!left.IsNumeric || !right.IsNumeric) return null;
        if (op == BinaryOp.Divide) return SqlType.Double;
        if (left.Kind == SqlTypeKind.Double || right.Kind == SqlTypeKind.Double) return SqlType.Double;
        if (left.IsInteger && right.IsInteger)
            return left.Kind == SqlTypeKind.Int64 || right.Kind == SqlTypeKind.Int64 ? SqlType.Int64 : SqlType.Int32;
        var l = AsDecimal(left);
        var r = AsDecimal(right);
        int max = SqlType.MaxDecimalPrecision;
        switch (op)
        {
            case BinaryOp.Multiply:
                return SqlType.Decimal(Math.Min(l.Precision + r.Precision, max), l.Scale + r.Scale);
            case BinaryOp.Modulo:
            {
                int scale = Math.Max(l.Scale, r.Scale);
                return SqlType.Decimal(Math.Min(Math.Max(l.Precision - l.Scale, r.Precision - r.Scale) + scale, max), scale);
            }
            default:
            {
                int scale = Math.Max(l.Scale, r.Scale);
                int intDigits = Math.Max(l.Precision - l.Scale, r.Precision - r.Scale) + 1;
                return SqlType.Decimal(Math.Min(intDigits + scale, max), scale);
            }
        }
    }

    /// <summary>Whether CAST(from AS to) is allowed.</summary>
    public static bool CanCast(SqlType from, SqlType to)
    {
        if (from == to || from.Kind == SqlTypeKind.Null) return true;
        if (to.Kind == SqlTypeKind.Varchar || from.Kind == SqlTypeKind.Varchar) return true;
        if (from.IsNumeric && to.IsNumeric) return true;
        if (from.Kind == SqlTypeKind.Boolean && to.IsInteger) return true;
        if (from.IsInteger && to.Kind == SqlTypeKind.Boolean) return true;
        return false;
    }

    /// <summary>The type named in CAST(... AS name), or null if unknown.</summary>
    public static SqlType? FromTypeName(TypeName name) => name.Name switch
    {
        "int" or "integer" or "int4" or "smallint" or "tinyint" or "int2" => SqlType.Int32,
        "bigint" or "int8" or "long" or "hugeint" => SqlType.Int64,
        "decimal" or "numeric" => SqlType.Decimal(name.Precision ?? 18, name.Scale ?? (name.Precision is null ? 3 : 0)),
        "double" or "float" or "float8" or "real" or "float4" => SqlType.Double,
        "varchar" or "char" or "text" or "string" or "character" => SqlType.Varchar,
        "date" or "timestamp" => SqlType.Date,
        "boolean" or "bool" => SqlType.Boolean,
        _ => null,
    };
}
