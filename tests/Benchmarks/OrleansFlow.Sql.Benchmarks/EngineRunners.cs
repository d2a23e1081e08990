using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Physical;

namespace OrleansFlow.Sql.Benchmarks;

/// <summary>The engine in this process, one task: <see cref="SqlEngine.Execute"/>.</summary>
public sealed class EmbeddedEngineRunner(string dataDirectory) : IQueryRunner
{
    private readonly TableCatalog _catalog = TableCatalog.FromDirectory(dataDirectory);
    public string Name => "engine";
    public long Run(string sql) => SqlEngine.Execute(sql, _catalog).RowCount;
    public void Dispose() { }
}

/// <summary>The engine's physical plan in this process: stages, in-memory exchanges, tasks of a stage in parallel.</summary>
public sealed class StagedEngineRunner(string dataDirectory, int partitions) : IQueryRunner
{
    private readonly TableCatalog _catalog = TableCatalog.FromDirectory(dataDirectory);
    private readonly PhysicalOptions _options = new(Partitions: partitions);
    public string Name => $"staged ({partitions} partitions)";
    public long Run(string sql) => SqlEngine.ExecuteStaged(sql, _catalog, _options).RowCount;
    public void Dispose() { }
}
