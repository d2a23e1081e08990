using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Catalog;

/// <summary>A table the engine can scan, split into scan units (files or row groups) for partitioned reads.</summary>
public interface ITable
{
    string Name { get; }
    IReadOnlyList<ColumnInfo> Columns { get; }
    /// <summary>Row count (exact where the format stores it); drives join ordering and broadcast choices.</summary>
    long EstimatedRows { get; }
    /// <summary>How many independent scan units the table has; a partitioned scan takes units k, k+n, k+2n, ...</summary>
    int ScanUnitCount { get; }

    /// <summary>Reads the given columns (by table column index) of the scan units that fall to
    /// <paramref name="partition"/> of <paramref name="partitionCount"/>, skipping units the predicates rule out.</summary>
    IEnumerable<Batch> Scan(IReadOnlyList<int> columns, IReadOnlyList<ScanPredicate> predicates, int partition, int partitionCount);
}
