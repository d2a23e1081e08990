using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Execution.Expressions;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Operators;

/// <summary>
/// Reads a table's projected columns (one partition of its scan units) and applies pushed-down filters.
/// The next scan unit is decoded on another thread while the operators above work on the current one.
/// </summary>
/// <remarks>Cancellation is checked per batch here: every pipeline starts at a scan or an exchange source.</remarks>
public sealed class ScanOperator(ITable table, IReadOnlyList<int> columns, IReadOnlyList<ScanPredicate> pruning,
    Func<Batch, Vector>? filter, int partition, int partitionCount, CancellationToken cancellation = default) : IBatchOperator
{
    public IReadOnlyList<SqlType> OutputTypes { get; } = columns.Select(c => table.Columns[c].Type).ToList();

    public IEnumerable<Batch> Execute()
    {
        using var units = table.Scan(columns, pruning, partition, partitionCount).GetEnumerator();
        // The enumerator is only ever advanced by one thread at a time: the prefetch is awaited before the next one starts.
        var next = Task.Run(units.MoveNext, cancellation);
        try
        {
            while (next.GetAwaiter().GetResult())
            {
                var unit = units.Current;
                next = Task.Run(units.MoveNext, cancellation);
                foreach (var batch in unit.Split(Batch.PreferredRows))
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (filter is null) { yield return batch; continue; }
                    var selected = LogicKernels.Selection(filter(batch), out bool all);
                    if (all) yield return batch;
                    else if (selected.Length > 0) yield return batch.Gather(selected);
                }
            }
        }
        finally
        {
            // Never dispose the enumerator while a prefetch may still be running on it.
            try { next.Wait(CancellationToken.None); } catch (AggregateException) { }
        }
    }
}
