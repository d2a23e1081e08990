using System.Collections.Concurrent;
using OrleansFlow.Sql.Catalog;

namespace OrleansFlow.Jobs.Sql;

/// <summary>One catalog per data folder per silo: building one reads every file's footer, so tasks share it.</summary>
public sealed class SqlCatalogCache
{
    private readonly ConcurrentDictionary<string, Lazy<TableCatalog>> _catalogs = new(StringComparer.Ordinal);

    public TableCatalog Get(string dataDirectory)
    {
        var path = Path.GetFullPath(dataDirectory);
        if (!Directory.Exists(path))
            throw new Engine.Input.InputException($"data directory not found: {dataDirectory}");
        return _catalogs.GetOrAdd(path, p => new Lazy<TableCatalog>(() => TableCatalog.FromDirectory(p))).Value;
    }
}
