namespace OrleansFlow.Sql.Catalog.ParquetPages;

/// <summary>How the physical values of a column chunk become the engine's storage.</summary>
internal enum ValueKind
{
    Int32ToLong,
    Int64ToLong,
    Int32ToDecimal,
    Int64ToDecimal,
    DoubleToDouble,
    FloatToDouble,
    Utf8ToString,
}
