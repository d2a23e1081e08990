namespace OrleansFlow.Sql.Catalog;

/// <summary>Tables by (case-insensitive) name.</summary>
public sealed class TableCatalog
{
    private readonly Dictionary<string, ITable> _tables = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ITable> Tables => _tables.Values;

    public void Add(ITable table) => _tables[table.Name] = table;

    public bool TryGet(string name, out ITable table) => _tables.TryGetValue(name, out table!);

    /// <summary>One table per sub-folder <c>dir/&lt;table&gt;/*.parquet</c> (or <c>*.arrow</c>, <c>*.csv</c>).</summary>
    public static TableCatalog FromDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"data directory '{directory}' does not exist");
        var catalog = new TableCatalog();
        foreach (var sub in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var table = FileTable.TryOpen(Path.GetFileName(sub).ToLowerInvariant(), sub);
            if (table is not null) catalog.Add(table);
        }
        return catalog;
    }
}
