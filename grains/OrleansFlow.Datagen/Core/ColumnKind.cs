namespace OrleansFlow.Datagen.Core;

/// <summary>The physical shapes a generated column can take; each maps to one Parquet field type.</summary>
internal enum ColumnKind
{
    Int32,
    Int64,
    /// <summary>Int64 that may be NULL (e.g. a closed-date key of a store that is still open).</summary>
    NullableInt64,
    /// <summary>decimal(p,s) held as System.Decimal.</summary>
    Decimal,
    Date,
    /// <summary>Date that may be NULL (e.g. rec_end_date of the current version of a dimension row).</summary>
    NullableDate,
    String,
}
