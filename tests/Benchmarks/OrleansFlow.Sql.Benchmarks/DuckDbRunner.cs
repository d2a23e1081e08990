using DuckDB.NET.Data;
using OrleansFlow.Sql.Tests;
using OrleansFlow.Testing;

namespace OrleansFlow.Sql.Benchmarks;

/// <summary>DuckDB over the same Parquet files: one view per table folder over <c>read_parquet</c>.</summary>
public sealed class DuckDbRunner : IQueryRunner
{
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public DuckDbRunner(string dataDirectory, int threads)
    {
        Threads = threads;
        _connection.Open();
        Execute($"SET threads={threads}");
        foreach (var table in Directory.GetDirectories(dataDirectory))
        {
            Execute($"CREATE VIEW {Path.GetFileName(table)} AS SELECT * FROM read_parquet('{table}/*.parquet')");
        }
    }

    public int Threads { get; }
    public string Name => $"DuckDB ({Threads} threads)";

    public long Run(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = DuckDbDialect.Translate(sql);
        using var reader = command.ExecuteReader();
        long rows = 0;
        while (reader.Read()) rows++;
        return rows;
    }

    private void Execute(string sql) => _connection.ExecuteSql(sql);

    public void Dispose() => _connection.Dispose();
}
