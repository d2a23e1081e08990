using System.Collections.Concurrent;
using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Execution.Expressions;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Operators;

/// <summary>
/// Reads a table's projected columns (one partition of its scan units) and applies pushed-down filters.
/// Scan units are decoded on another thread into a bounded queue, so decoding the next row group overlaps
/// with the operators above working through the batches of the current one.
/// </summary>
/// <remarks>Cancellation is checked per batch here: every pipeline starts at a scan or an exchange source.</remarks>
public sealed class ScanOperator(ITable table, IReadOnlyList<int> columns, IReadOnlyList<ScanPredicate> pruning,
    Func<Batch, Vector>? filter, int partition, int partitionCount, CancellationToken cancellation = default) : IBatchOperator
{
    /// <summary>About two Parquet row groups of 4096-row batches: enough to keep the decoder busy, bounded in memory.</summary>
    private const int ReadAheadBatches = 64;

    public IReadOnlyList<SqlType> OutputTypes { get; } = columns.Select(c => table.Columns[c].Type).ToList();

    public IEnumerable<Batch> Execute()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var queue = new BlockingCollection<Batch>(ReadAheadBatches);
        // A dedicated thread (see HashJoinOperator): it blocks whenever the queue is full.
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var batch in table.Scan(columns, pruning, partition, partitionCount)) queue.Add(batch, stop.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Current);
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(cancellation))
            {
                if (filter is null) { yield return batch; continue; }
                var selected = LogicKernels.Selection(filter(batch), out bool all);
                if (all) yield return batch;
                else if (selected.Length > 0) yield return batch.Gather(selected);
            }
            // Rethrows a read error (bad file, cancellation) once the queue is drained.
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            // The consumer may stop early (LIMIT, an error above): stop the reader and wait for it before the
            // queue is disposed.
            stop.Cancel();
            try { producer.Wait(CancellationToken.None); } catch (AggregateException) { }
        }
    }
}
