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

    public IEnumerable<Batch> Scan(IReadOnlyList<int> columns, IReadOnlyList<ScanPredicate> predicates, int partition, int partitionCount)
    {
        for (int u = partition; u < _units.Count; u += partitionCount)
        {
            var (path, unit) = _units[u];
            foreach (var batch in _format.ReadUnit(path, unit, Columns, columns, predicates)) yield return batch;
        }
    }
}
