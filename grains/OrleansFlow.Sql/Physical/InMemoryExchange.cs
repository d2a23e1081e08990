using System.Collections.Concurrent;
using Apache.Arrow;

namespace OrleansFlow.Sql.Physical;

/// <summary>An exchange held in this process (tests, embedded runs); thread-safe for concurrent writers.</summary>
public sealed class InMemoryExchange : IExchangeSink, IExchangeSource
{
    private readonly ConcurrentDictionary<(int Exchange, int Partition), ConcurrentQueue<RecordBatch>> _batches = new();

    public void Write(int exchangeId, int partition, RecordBatch batch) =>
        _batches.GetOrAdd((exchangeId, partition), _ => new ConcurrentQueue<RecordBatch>()).Enqueue(batch);

    public IEnumerable<RecordBatch> Read(int exchangeId, int partition) =>
        _batches.TryGetValue((exchangeId, partition), out var queue) ? queue.ToArray() : [];
}
