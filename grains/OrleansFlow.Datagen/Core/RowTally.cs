using System.Collections.Concurrent;

namespace OrleansFlow.Datagen.Core;

/// <summary>Rows written per table, summed over parts finished by concurrent jobs.</summary>
internal sealed class RowTally
{
    private readonly ConcurrentDictionary<string, long> _rows = new();

    public void Add(string table, long rows) => _rows.AddOrUpdate(table, rows, (_, sum) => sum + rows);

    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(_rows, StringComparer.Ordinal);
}
