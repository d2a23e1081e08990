using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Catalog;

/// <summary>A table made of the Parquet, Arrow IPC or CSV files in one folder, all with the same schema.</summary>
public sealed class FileTable : ITable
{
    private readonly IFileFormat _format;
    private readonly List<(string Path, int Unit)> _units = [];

    public string Name { get; }
    public IReadOnlyList<ColumnInfo> Columns { get; }
    public long EstimatedRows { get; }
    public int ScanUnitCount => _units.Count;
    public IReadOnlyList<string> Files { get; }

    private FileTable(string name, IFileFormat format, IReadOnlyList<string> files)
    {
        Name = name;
        _format = format;
        Files = files;
        Columns = format.ReadSchema(files[0]);
        foreach (var f in files)
        {
            var schema = format.ReadSchema(f);
            if (!schema.SequenceEqual(Columns))
                throw new InvalidDataException($"table '{name}': file '{f}' has schema ({string.Join(", ", schema)}) "
                    + $"but '{files[0]}' has ({string.Join(", ", Columns)})");
            var counts = format.UnitRowCounts(f);
            for (int u = 0; u < counts.Count; u++)
            {
                _units.Add((f, u));
                EstimatedRows += counts[u];
            }
        }
    }

    /// <summary>The table in <paramref name="folder"/>, or null when it holds no supported files.</summary>
    public static FileTable? TryOpen(string name, string folder)
    {
        foreach (var (ext, format) in new (string, IFileFormat)[]
                 { (".parquet", new ParquetFormat()), (".arrow", new ArrowIpcFormat()), (".csv", new CsvFormat()) })
        {
            var files = Directory.GetFiles(folder, "*" + ext).Order(StringComparer.Ordinal).ToList();
            if (files.Count > 0) return new FileTable(name, format, files);
        }
        return null;
    }

    /// <summary>Scan units decoded at once per scan: decoding is most of a scan's cost, and this machine class has 2+ cores.</summary>
    private const int UnitsInFlight = 2;

    public IEnumerable<Batch> Scan(IReadOnlyList<int> columns, IReadOnlyList<ScanPredicate> predicates, int partition, int partitionCount)
    {
        // Units are decoded ahead on pool threads (pure work, no blocking) and handed out in order; on the caller's
        // scheduler, so that a fabric task's CPU meter counts them.
        var pending = new Queue<Task<List<Batch>>>();
        int u = partition;
        while (true)
        {
            while (pending.Count < UnitsInFlight && u < _units.Count)
            {
                var (path, unit) = _units[u];
                pending.Enqueue(Task.Factory.StartNew(() => _format.ReadUnit(path, unit, Columns, columns, predicates).ToList(),
                    CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Current));
                u += partitionCount;
            }
            if (pending.Count == 0) yield break;
            foreach (var batch in pending.Dequeue().GetAwaiter().GetResult()) yield return batch;
        }
    }
}
