using DuckDB.NET.Data;

namespace OrleansFlow.Datagen.Tests;

/// <summary>An in-memory DuckDB with one view per generated table folder: the independent checker.</summary>
internal sealed class DuckDbSession : IDisposable
{
    private readonly DuckDBConnection _connection;

    public DuckDbSession(string dataDir, IEnumerable<string> tables)
    {
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        Execute("SET threads TO 2");
        foreach (var table in tables)
        {
            var glob = Path.Combine(dataDir, table, "*.parquet").Replace("'", "''");
            Execute($"CREATE VIEW {table} AS SELECT * FROM read_parquet('{glob}')");
        }
    }

    public void Execute(string sql) => _connection.ExecuteSql(sql);

    public List<object?[]> Rows(string sql) => _connection.QueryRows(sql);

    public T Scalar<T>(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>(column name, DuckDB type) of a table, in file order.</summary>
    public List<(string Name, string Type)> Columns(string table) =>
        Rows($"SELECT column_name, column_type FROM (DESCRIBE {table})")
            .Select(r => ((string)r[0]!, (string)r[1]!))
            .ToList();

    public void Dispose() => _connection.Dispose();
}
