using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Catalog;

/// <summary>Reads one file format: its schema, its scan units and the batches of one unit.</summary>
internal interface IFileFormat
{
    IReadOnlyList<ColumnInfo> ReadSchema(string path);
    /// <summary>Row count of each scan unit of the file (row groups for Parquet, the whole file otherwise).</summary>
    IReadOnlyList<long> UnitRowCounts(string path);
    IEnumerable<Batch> ReadUnit(string path, int unit, IReadOnlyList<ColumnInfo> schema, IReadOnlyList<int> columns,
        IReadOnlyList<ScanPredicate> predicates);
}
