using Apache.Arrow;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql;

/// <summary>The result of a query: named, typed columns and the batches holding the rows, in order.</summary>
public sealed class QueryResult(IReadOnlyList<ColumnInfo> columns, IReadOnlyList<Batch> batches)
{
    public IReadOnlyList<ColumnInfo> Columns { get; } = columns;
    public IReadOnlyList<Batch> Batches { get; } = batches;
    public long RowCount => Batches.Sum(b => (long)b.RowCount);

    public Schema ArrowSchema => ArrowConversion.ToArrowSchema(Columns);

    public IEnumerable<RecordBatch> ToRecordBatches() => Batches.Select(b => ArrowConversion.ToRecordBatch(Columns, b));

    /// <summary>All rows as boxed values (NULL = null; dates as DateOnly); for tests and small results.</summary>
    public List<object?[]> Rows()
    {
        var rows = new List<object?[]>();
        foreach (var b in Batches)
        {
            for (int r = 0; r < b.RowCount; r++)
            {
                var row = new object?[Columns.Count];
                for (int c = 0; c < row.Length; c++) row[c] = b.Columns[c].GetValue(r);
                rows.Add(row);
            }
        }
        return rows;
    }
}
