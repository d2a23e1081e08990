using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Catalog;

/// <summary>A table held in memory (tests, exchange results, CTE materialisation); each batch is one scan unit.</summary>
public sealed class MemoryTable(string name, IReadOnlyList<ColumnInfo> columns, IReadOnlyList<Batch> batches) : ITable
{
    public string Name { get; } = name;
    public IReadOnlyList<ColumnInfo> Columns { get; } = columns;
    public long EstimatedRows { get; } = batches.Sum(b => (long)b.RowCount);
    public int ScanUnitCount => batches.Count;

    public IEnumerable<Batch> Scan(IReadOnlyList<int> columns, IReadOnlyList<ScanPredicate> predicates, int partition, int partitionCount)
    {
        for (int unit = partition; unit < batches.Count; unit += partitionCount)
        {
            var b = batches[unit];
            var cols = new Vector[columns.Count];
            for (int c = 0; c < cols.Length; c++) cols[c] = b.Columns[columns[c]];
            yield return new Batch(cols, b.RowCount);
        }
    }
}
