using DuckDB.NET.Data;
using OrleansFlow.Sql.Catalog;

namespace OrleansFlow.Sql.Tests;

/// <summary>
/// Integer boundary values and Unicode strings written as Parquet by DuckDB, the engine's catalog over them and
/// DuckDB views over the same files (kept apart from <see cref="TestDatabase"/>, whose table list other tests see).
/// </summary>
public sealed class EdgeCaseDatabase : IDisposable
{
    private readonly TempFolder _folder = new("sql-edge");
    public TableCatalog Catalog { get; }
    public DuckDBConnection DuckDb { get; }

    /// <summary>Unicode table rows: ASCII, accents (precomposed and combining), CJK, emoji (also ZWJ sequences and
    /// flags), the letters whose case DuckDB maps its own way, characters above U+E000 and line breaks.</summary>
    public static readonly string[] Strings =
    [
        "hello", "Hello World", "héllo 🎉", "e\u0301x", "naïve café", "日本語テキスト", "한국어", "👨‍👩‍👧 family", "🇫🇷🇩🇪",
        "a🎉b", "straße", "İstanbul ı", "ΣΑΣ σας", "ＡＢ！ｚ", "\uE000 private", "x\r\ny", "tab\there", "zzz", "Zebra", "abc",
    ];

    public EdgeCaseDatabase()
    {
        DuckDb = new DuckDBConnection("DataSource=:memory:");
        DuckDb.Open();
        Write("pairs", """
            SELECT * FROM (VALUES
              (1, 2147483647, 1, 9223372036854775807, 1),
              (2, -2147483648, 1, -9223372036854775808, 1),
              (3, 2147483647, 0, 9223372036854775807, 0),
              (4, -2147483648, -1, -9223372036854775808, -1),
              (5, 65536, 32768, 4294967296, 2147483648),
              (6, 46340, 46340, 3037000499, 3037000499),
              (7, -1, -2147483648, -1, -9223372036854775808),
              (8, 0, -2147483648, 0, -9223372036854775808),
              (9, NULL, 5, NULL, 5),
              (10, 2147483647, -1, 9223372036854775807, -1)
            ) v(id, a, b, c, d)
            """, "id::INTEGER AS id, a::INTEGER AS a32, b::INTEGER AS b32, c::BIGINT AS a64, d::BIGINT AS b64");
        Write("sums", """
            SELECT * FROM (VALUES
              (1, 9223372036854775807, 2147483647), (1, 1, 1), (1, -1, 0),
              (2, 9223372036854775807, 1), (2, 1, 1),
              (3, -9223372036854775808, -2147483648), (3, -1, -1)
            ) v(g, v, w)
            """, "g::INTEGER AS g, v::BIGINT AS v, w::INTEGER AS w");
        var rows = string.Join(", ", Strings.Select((s, i) => $"({i + 1}, '{s.Replace("'", "''")}')"));
        Write("u", $"SELECT * FROM (VALUES {rows}, ({Strings.Length + 1}, NULL), ({Strings.Length + 2}, '')) v(id, s)",
            "id::INTEGER AS id, s::VARCHAR AS s");
        Catalog = TableCatalog.FromDirectory(_folder.Path);
    }

    private void Write(string name, string values, string columns)
    {
        var folder = Path.Combine(_folder.Path, name);
        Directory.CreateDirectory(folder);
        // Small row groups: several per file, so scans prune by statistics and staged plans split.
        DuckDb.ExecuteSql($"COPY (SELECT {columns} FROM ({values}) ORDER BY 1) TO '{folder}/part-0.parquet' (FORMAT PARQUET, ROW_GROUP_SIZE 4)");
        DuckDb.ExecuteSql($"CREATE VIEW {name} AS SELECT * FROM read_parquet('{folder}/*.parquet')");
    }

    public List<object?[]> Query(string sql) => DuckDb.QueryRows(sql);

    public void Dispose()
    {
        DuckDb.Dispose();
        _folder.Dispose();
    }
}
