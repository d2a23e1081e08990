using DuckDB.NET.Data;

namespace OrleansFlow.Tests.ML;

/// <summary>
/// Two small Parquet tables made by DuckDB for the SQL → ML tests: <c>sales</c> (a linear target of quantity, price,
/// discount and the region's factor, plus noise; row groups of 2 048 rows, so the engine scans it in parallel tasks)
/// and <c>regions</c>. DuckDB also fetches the rows of a query over
/// them, the independent reference the fabric's training is compared with.
/// </summary>
internal sealed class SalesTables : IDisposable
{
    private readonly DuckDBConnection _duckDb = new("DataSource=:memory:");

    public SalesTables(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(Path.Combine(folder, "sales"));
        Directory.CreateDirectory(Path.Combine(folder, "regions"));
        _duckDb.Open();
        Execute($"""
            COPY (SELECT * FROM (VALUES ('north', 1.0), ('south', 2.0), ('east', -1.0), ('west', 0.5)) AS t(name, factor))
            TO '{Path.Combine(folder, "regions", "part-0.parquet")}' (FORMAT parquet)
            """);
        Execute($"""
            COPY (
              SELECT i AS id, ['north', 'south', 'east', 'west'][i % 4 + 1] AS region,
                     CAST((i * 7) % 5 AS INTEGER) AS qty,
                     CAST(((i * 37) % 200) / 100.0 AS DECIMAL(7,2)) AS price,
                     ((i * 13) % 100) / 100.0 AS discount,
                     CAST(((hash(i) % 1000) / 1000.0 - 0.5) * 0.2 AS DOUBLE) AS noise
              FROM range(24000) r(i))
            TO '{Path.Combine(folder, "sales", "raw.parquet")}' (FORMAT parquet)
            """);
        Execute($"""
            COPY (
              SELECT s.id, s.region, s.qty, s.price, s.discount,
                     1.5 * s.qty - 0.8 * CAST(s.price AS DOUBLE) + 3.0 * s.discount + 0.5 * r.factor + 2.0 + s.noise AS y
              FROM read_parquet('{Path.Combine(folder, "sales", "raw.parquet")}') s JOIN read_parquet('{Path.Combine(folder, "regions", "part-0.parquet")}') r ON s.region = r.name
              ORDER BY s.id)
            TO '{Path.Combine(folder, "sales", "part-0.parquet")}' (FORMAT parquet, ROW_GROUP_SIZE 2048)
            """);
        File.Delete(Path.Combine(folder, "sales", "raw.parquet"));
        Execute($"CREATE VIEW sales AS SELECT * FROM read_parquet('{Path.Combine(folder, "sales", "*.parquet")}')");
        Execute($"CREATE VIEW regions AS SELECT * FROM read_parquet('{Path.Combine(folder, "regions", "*.parquet")}')");
    }

    public string Folder { get; }

    /// <summary>The query's rows as doubles (every column numeric).</summary>
    public List<double[]> Rows(string query)
    {
        using var command = _duckDb.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var rows = new List<double[]>();
        while (reader.Read())
        {
            var row = new double[reader.FieldCount];
            for (var c = 0; c < row.Length; c++)
                row[c] = Convert.ToDouble(reader.GetValue(c), System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(row);
        }
        return rows;
    }

    private void Execute(string sql)
    {
        using var command = _duckDb.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _duckDb.Dispose();
}
