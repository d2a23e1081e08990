using Apache.Arrow.Types;

namespace OrleansFlow.Sql.Types;

public enum SqlTypeKind { Null, Boolean, Int32, Int64, Decimal, Double, Varchar, Date }

/// <summary>A SQL value type. Decimal carries precision and scale; the others ignore them.</summary>
public sealed record SqlType(SqlTypeKind Kind, int Precision = 0, int Scale = 0)
{
    public static readonly SqlType Null = new(SqlTypeKind.Null);
    public static readonly SqlType Boolean = new(SqlTypeKind.Boolean);
    public static readonly SqlType Int32 = new(SqlTypeKind.Int32);
    public static readonly SqlType Int64 = new(SqlTypeKind.Int64);
    public static readonly SqlType Double = new(SqlTypeKind.Double);
    public static readonly SqlType Varchar = new(SqlTypeKind.Varchar);
    public static readonly SqlType Date = new(SqlTypeKind.Date);

    public const int MaxDecimalPrecision = 38;

    public static SqlType Decimal(int precision, int scale) =>
        new(SqlTypeKind.Decimal, Math.Min(precision, MaxDecimalPrecision), scale);

    public bool IsInteger => Kind is SqlTypeKind.Int32 or SqlTypeKind.Int64;
    public bool IsNumeric => Kind is SqlTypeKind.Int32 or SqlTypeKind.Int64 or SqlTypeKind.Decimal or SqlTypeKind.Double;

    /// <summary>How values of this type are held in a <see cref="Vector"/>.</summary>
    public StorageKind Storage => Kind switch
    {
        SqlTypeKind.Double => StorageKind.Double,
        SqlTypeKind.Decimal => StorageKind.Decimal,
        SqlTypeKind.Varchar => StorageKind.String,
        _ => StorageKind.Long,
    };

    public override string ToString() => Kind switch
    {
        SqlTypeKind.Decimal => $"decimal({Precision},{Scale})",
        SqlTypeKind.Int32 => "int",
        SqlTypeKind.Int64 => "bigint",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    public IArrowType ToArrow() => Kind switch
    {
        SqlTypeKind.Boolean => BooleanType.Default,
        SqlTypeKind.Int32 => Int32Type.Default,
        SqlTypeKind.Int64 => Int64Type.Default,
        SqlTypeKind.Decimal => new Decimal128Type(Precision, Scale),
        SqlTypeKind.Double => DoubleType.Default,
        SqlTypeKind.Varchar => StringType.Default,
        SqlTypeKind.Date => Date32Type.Default,
        _ => NullType.Default,
    };

    /// <summary>The SQL type for an Arrow type, or null when the engine does not support it.</summary>
    public static SqlType? FromArrow(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Boolean => Boolean,
        ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 => Int32,
        ArrowTypeId.Int64 or ArrowTypeId.UInt32 => Int64,
        ArrowTypeId.Decimal128 => Decimal(((Decimal128Type)type).Precision, ((Decimal128Type)type).Scale),
        ArrowTypeId.Double or ArrowTypeId.Float => Double,
        ArrowTypeId.String or ArrowTypeId.LargeString => Varchar,
        ArrowTypeId.Date32 or ArrowTypeId.Date64 => Date,
        ArrowTypeId.Null => Null,
        _ => null,
    };
}

/// <summary>The physical array a vector uses: Long covers int32, int64, date (days since 1970-01-01) and boolean (0/1).</summary>
public enum StorageKind { Long, Double, Decimal, String }
