namespace OrleansFlow.Datagen;

/// <summary>Reported after each part file is finished.</summary>
/// <param name="Table">The table (or table group, e.g. "orders+lineitem") whose part just finished.</param>
/// <param name="PartsDone">Parts finished so far over the whole generation.</param>
/// <param name="PartsTotal">Parts the whole generation writes.</param>
/// <param name="RowsWritten">Rows written so far over the whole generation, all tables.</param>
public sealed record DatagenProgress(string Table, int PartsDone, int PartsTotal, long RowsWritten);
