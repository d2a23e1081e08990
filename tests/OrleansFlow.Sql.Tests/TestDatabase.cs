using Apache.Arrow;
using Apache.Arrow.Ipc;
using DuckDB.NET.Data;
using OrleansFlow.Sql.Catalog;

namespace OrleansFlow.Sql.Tests;

/// <summary>
/// Small tables written as Parquet (and CSV / Arrow IPC) by DuckDB into a temporary folder, the engine's catalog
/// over that folder, and a DuckDB connection whose views read the same files: the oracle.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly TempFolder _folder = new("sql-tests");
    public string Directory => _folder.Path;
    public TableCatalog Catalog { get; }
    public DuckDBConnection DuckDb { get; }

    private static readonly (string Name, string Select)[] Tables =
    [
        ("t1", """
            SELECT i::INTEGER AS id,
                   CASE WHEN i % 7 = 0 THEN NULL ELSE 'g' || (i % 5)::VARCHAR END AS g,
                   CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 37) % 100)::INTEGER END AS x,
                   (i * 1000003)::BIGINT AS y,
                   CASE WHEN i % 13 = 0 THEN NULL ELSE (((i * 7919) % 100000) / 100.0)::DECIMAL(10,2) END AS d,
                   (i * 0.37)::DOUBLE AS f,
                   (DATE '2000-01-01' + (i * 3)::INTEGER) AS dt,
                   CASE WHEN i % 17 = 0 THEN NULL ELSE i % 3 = 0 END AS b,
                   'name ' || i::VARCHAR || CASE WHEN i % 4 = 0 THEN ' special' ELSE '' END AS s
            FROM range(1, 201) r(i)
            """),
        ("t2", """
            SELECT i::INTEGER AS id,
                   CASE WHEN i % 9 = 0 THEN NULL ELSE ((i * 13) % 230)::INTEGER END AS t1_id,
                   CASE WHEN i % 6 = 0 THEN NULL ELSE 'n' || (i % 8)::VARCHAR END AS name,
                   (((i * 104729) % 1000000) / 1000.0)::DECIMAL(12,3) AS amount,
                   (i % 4)::INTEGER AS k
            FROM range(1, 301) r(i)
            """),
        ("t3", """
            SELECT k::INTEGER AS k, label FROM (VALUES (0, 'zero'), (1, 'one'), (2, 'two'), (5, 'five'), (NULL, 'null-key')) v(k, label)
            """),
        ("empty_t", "SELECT 1::INTEGER AS k, 'x' AS label WHERE false"),
    ];

    public TestDatabase()
    {
        DuckDb = new DuckDBConnection("DataSource=:memory:");
        DuckDb.Open();
        foreach (var (name, select) in Tables)
        {
            var folder = Path.Combine(Directory, name);
            System.IO.Directory.CreateDirectory(folder);
            if (name == "t1")
            {
                // Two files, several row groups each: exercises multi-file tables and row-group pruning.
                Exec($"COPY (SELECT * FROM ({select}) WHERE id <= 100) TO '{folder}/part-0.parquet' (FORMAT PARQUET, ROW_GROUP_SIZE 40)");
                Exec($"COPY (SELECT * FROM ({select}) WHERE id > 100) TO '{folder}/part-1.parquet' (FORMAT PARQUET, ROW_GROUP_SIZE 40)");
            }
            else Exec($"COPY ({select}) TO '{folder}/part-0.parquet' (FORMAT PARQUET)");
            Exec($"CREATE VIEW {name} AS SELECT * FROM read_parquet('{folder}/*.parquet')");
        }
        Catalog = TableCatalog.FromDirectory(Directory);
    }

    public void Exec(string sql) => DuckDb.ExecuteSql(sql);

    public List<object?[]> Query(string sql) => DuckDb.QueryRows(sql);

    /// <summary>Writes an Arrow IPC file table (DuckDB cannot write Arrow here).</summary>
    public static void WriteArrowFile(string path, IReadOnlyList<RecordBatch> batches)
    {
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, batches[0].Schema);
        foreach (var batch in batches) writer.WriteRecordBatch(batch);
        writer.WriteEnd();
    }

    public void Dispose()
    {
        DuckDb.Dispose();
        _folder.Dispose();
    }
}
