using Parquet.Schema;

namespace OrleansFlow.Datagen.Core;

/// <summary>One column of a generated table: its name, shape, and (for decimals) precision and scale.</summary>
internal sealed record ColumnSpec(string Name, ColumnKind Kind, int Precision = 0, int Scale = 0)
{
    public static ColumnSpec Int32(string name) => new(name, ColumnKind.Int32);
    public static ColumnSpec Int64(string name) => new(name, ColumnKind.Int64);
    public static ColumnSpec NullableInt64(string name) => new(name, ColumnKind.NullableInt64);
    public static ColumnSpec Decimal(string name, int precision, int scale) => new(name, ColumnKind.Decimal, precision, scale);
    public static ColumnSpec Date(string name) => new(name, ColumnKind.Date);
    public static ColumnSpec NullableDate(string name) => new(name, ColumnKind.NullableDate);
    public static ColumnSpec String(string name) => new(name, ColumnKind.String);

    public DataField ToParquetField() => Kind switch
    {
        ColumnKind.Int32 => new DataField<int>(Name),
        ColumnKind.Int64 => new DataField<long>(Name),
        ColumnKind.NullableInt64 => new DataField<long?>(Name),
        ColumnKind.Decimal => new DecimalDataField(Name, Precision, Scale),
        ColumnKind.Date => new DataField<DateOnly>(Name),
        ColumnKind.NullableDate => new DataField<DateOnly?>(Name),
        ColumnKind.String => new DataField<string>(Name, true),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, $"Unknown column kind for column '{Name}'."),
    };
}
