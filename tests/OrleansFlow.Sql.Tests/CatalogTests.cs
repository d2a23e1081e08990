using Apache.Arrow;
using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Tests;

/// <summary>Tables from folders of Parquet, CSV and Arrow IPC files; schemas, pruning and bad input.</summary>
public sealed class CatalogTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly TempFolder _folder = new("sql-catalog");

    private string _dir => _folder.Path;

    [Fact]
    public void Parquet_schema_has_the_engine_types()
    {
        Assert.True(db.Catalog.TryGet("t1", out var t1));
        Assert.Equal(
            ["id:int", "g:varchar", "x:int", "y:bigint", "d:decimal(10,2)", "f:double", "dt:date", "b:boolean", "s:varchar"],
            t1.Columns.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal(200, t1.EstimatedRows);
        Assert.Equal(2, t1.ScanUnitCount);   // two files, one row group each (DuckDB writes at least 2048 rows per group)
    }

    [Fact]
    public void Row_groups_outside_a_predicate_are_skipped()
    {
        Assert.True(db.Catalog.TryGet("t1", out var t1));
        var predicate = new ScanPredicate(0, ScanComparison.Gt, 190L);
        var ids = t1.Scan([0], [predicate], 0, 1).SelectMany(b => b.Columns[0].Longs).ToList();
        Assert.Equal(Enumerable.Range(191, 10).Select(i => (long)i), ids.Where(i => i > 190));
        Assert.True(ids.Count == 100, $"read {ids.Count} rows; the file holding ids 1..100 should have been skipped");
    }

    [Fact]
    public void Csv_table_matches_its_parquet_twin()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "c"));
        db.Exec($"COPY (SELECT id, x, f, dt, g FROM t1) TO '{_dir}/c/data.csv' (HEADER)");
        var catalog = TableCatalog.FromDirectory(_dir);
        Assert.True(catalog.TryGet("c", out var c));
        Assert.Equal(["id:bigint", "x:bigint", "f:double", "dt:date", "g:varchar"], c.Columns.Select(x => $"{x.Name}:{x.Type}"));
        var fromCsv = SqlEngine.Execute("select count(*), count(x), sum(x), sum(f), max(dt), count(g), min(g) from c", catalog).Rows();
        var fromParquet = SqlEngine.Execute("select count(*), count(x), sum(x), sum(f), max(dt), count(g), min(g) from t1", db.Catalog).Rows();
        ResultComparer.AssertSame(fromParquet, fromCsv, ordered: true, "csv vs parquet");
    }

    [Fact]
    public void Arrow_ipc_table_matches_its_source()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "a"));
        var source = SqlEngine.Execute("select id, d, dt, b, s from t1", db.Catalog);
        TestDatabase.WriteArrowFile(Path.Combine(_dir, "a", "part-0.arrow"), source.ToRecordBatches().ToList());
        var catalog = TableCatalog.FromDirectory(_dir);
        var fromArrow = SqlEngine.Execute("select id, d, dt, b, s from a", catalog).Rows();
        ResultComparer.AssertSame(source.Rows(), fromArrow, ordered: false, "arrow ipc");
    }

    [Fact]
    public void Bad_csv_value_names_file_line_and_column()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "bad"));
        var rows = string.Join("\n", Enumerable.Range(1, 1500).Select(i => $"{i},{i * 2}"));
        File.WriteAllText(Path.Combine(_dir, "bad", "data.csv"), "a,b\n" + rows + "\n1501,oops\n");
        var catalog = TableCatalog.FromDirectory(_dir);
        var error = Assert.Throws<InvalidDataException>(() => SqlEngine.Execute("select sum(b) from bad", catalog));
        Assert.Contains("data.csv' line 1502, column 'b': 'oops' is not a valid bigint", error.Message);
    }

    [Fact]
    public void Missing_data_directory_is_reported()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => TableCatalog.FromDirectory(Path.Combine(_dir, "nope")));
        Assert.Contains("nope", error.Message);
    }

    [Fact]
    public void Memory_tables_can_be_queried()
    {
        var catalog = new TableCatalog();
        var column = new Vector(SqlType.Int64, [3L, 1L, 2L], null);
        catalog.Add(new MemoryTable("m", [new ColumnInfo("v", SqlType.Int64)], [new Batch([column], 3)]));
        var rows = SqlEngine.Execute("select v * 10 from m order by v", catalog).Rows();
        Assert.Equal([10L, 20L, 30L], rows.Select(r => (long)r[0]!));
    }

    public void Dispose()
    {
        _folder.Dispose();
    }
}
