using System.Globalization;
using Parquet;
using Parquet.Schema;
using OrleansFlow.Sql.Catalog.ParquetPages;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Tests;

/// <summary>
/// The engine's own column-chunk decoder against the writers: files written by DuckDB (dictionary pages, NULLs) and
/// by Parquet.Net (PLAIN pages), every value compared with what was written. Each column must take the fast path.
/// </summary>
public sealed class ParquetPageDecoderTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly TempFolder _folder = new("sql-pages");

    private string _dir => _folder.Path;

    [Fact]
    public async Task Duckdb_file_decodes_as_duckdb_reads_it()
    {
        Directory.CreateDirectory(_dir);
        string file = Path.Combine(_dir, "duck.parquet");
        // Low-cardinality columns get dictionary pages, the others PLAIN; every 7th/11th/13th row has NULLs.
        db.Exec($"""
            COPY (SELECT i::INTEGER AS i32, CASE WHEN i % 7 = 0 THEN NULL ELSE i * 1000003 END::BIGINT AS i64,
                         (i % 5)::INTEGER AS small, CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 37 % 100000) / 100.0 END::DECIMAL(7,2) AS d7,
                         ((i - 2500) * 1234567 / 1000.0)::DECIMAL(15,3) AS d15, i / 4.0 AS f,
                         CASE WHEN i % 13 = 0 THEN NULL ELSE 'w' || (i % 3) END AS s, 'unique text ' || i AS u,
                         DATE '1995-03-01' + (i % 900)::INTEGER AS dt
                  FROM range(0, 5000) r(i) ORDER BY i)
            TO '{file}' (FORMAT PARQUET, ROW_GROUP_SIZE 2048)
            """);
        // Doubles as text with 4 decimals on both sides: DuckDB and .NET print shortest round-trip forms differently.
        var expected = db.Query($"SELECT {string.Join(", ", Columns.Select(c => c == "f" ? "printf('%.4f', f)" : $"CAST({c} AS VARCHAR)"))} FROM read_parquet('{file}')");
        var actual = await DecodeAllAsync(file);
        Assert.Equal(expected.Count, actual.Count);
        for (int r = 0; r < expected.Count; r++)
            Assert.Equal(expected[r].Select(v => (string?)v), actual[r]);
    }

    [Fact]
    public async Task Parquet_net_file_decodes_to_what_was_written()
    {
        Directory.CreateDirectory(_dir);
        string file = Path.Combine(_dir, "pnet.parquet");
        const int n = 3000;
        int?[] i32 = Enumerable.Range(0, n).Select(i => i % 9 == 0 ? (int?)null : i - 1500).ToArray();
        long[] i64 = Enumerable.Range(0, n).Select(i => (long)i * 987654321).ToArray();
        decimal[] d9 = Enumerable.Range(0, n).Select(i => (i - 1000) * 1.25m).ToArray();
        decimal?[] d18 = Enumerable.Range(0, n).Select(i => i % 4 == 0 ? (decimal?)null : i * -1000.001m).ToArray();
        double?[] f = Enumerable.Range(0, n).Select(i => i % 5 == 0 ? (double?)null : i / 8.0).ToArray();
        string?[] s = Enumerable.Range(0, n).Select(i => i % 6 == 0 ? null : "é" + i).ToArray();
        DateOnly[] dt = Enumerable.Range(0, n).Select(i => new DateOnly(1960, 1, 1).AddDays(i * 7)).ToArray();
        var fields = new DataField[]
        {
            new DataField<int?>("i32"), new DataField<long>("i64"), new DecimalDataField("d9", 9, 2),
            new DecimalDataField("d18", 18, 3, isNullable: true), new DataField<double?>("f"), new DataField<string>("s"),
            new DataField<DateOnly>("dt"),
        };
        await using (var stream = File.Create(file))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            foreach (var (from, count) in new[] { (0, 1000), (1000, 2000) })
            {
                using var rg = writer.CreateRowGroup();
                await rg.WriteAsync<int>(fields[0], i32.AsMemory(from, count));
                await rg.WriteAsync<long>(fields[1], i64.AsMemory(from, count));
                await rg.WriteAsync<decimal>(fields[2], d9.AsMemory(from, count));
                await rg.WriteAsync<decimal>(fields[3], d18.AsMemory(from, count));
                await rg.WriteAsync<double>(fields[4], f.AsMemory(from, count));
                await rg.WriteAsync(fields[5], s.Skip(from).Take(count).ToArray());
                await rg.WriteAsync<DateOnly>(fields[6], dt.AsMemory(from, count));
            }
        }
        var inv = CultureInfo.InvariantCulture;
        var expected = Enumerable.Range(0, n).Select(i => new[]
        {
            i32[i]?.ToString(inv), i64[i].ToString(inv), d9[i].ToString("F2", inv), d18[i]?.ToString("F3", inv),
            f[i]?.ToString("F4", inv), s[i], dt[i].ToString("yyyy-MM-dd", inv),
        }).ToList();
        var actual = await DecodeAllAsync(file);
        Assert.Equal(expected.Count, actual.Count);
        for (int r = 0; r < n; r++) Assert.Equal(expected[r], actual[r]);
    }

    private static readonly string[] Columns = ["i32", "i64", "small", "d7", "d15", "f", "s", "u", "dt"];

    /// <summary>Every row of the file as text, decoded chunk by chunk with <see cref="ColumnChunkDecoder"/>.</summary>
    private static async Task<List<string?[]>> DecodeAllAsync(string file)
    {
        var options = new ParquetOptions { UseDateOnlyTypeForDates = true, TreatByteArrayAsString = true };
        await using var reader = await ParquetReader.CreateAsync(file, options);
        using var handle = File.OpenHandle(file);
        var fields = reader.Schema.GetDataFields();
        var types = Catalog.FileTable.TryOpen("t", Path.GetDirectoryName(file)!)!.Columns.Select(c => c.Type).ToList();
        var rows = new List<string?[]>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            int n = (int)rg.RowCount;
            var columns = fields.Select((f, c) => ColumnChunkDecoder.TryRead(handle, file, rg.GetMetadata(f), f, types[c], n)
                ?? throw new Xunit.Sdk.XunitException($"column '{f.Name}' of row group {g} did not take the fast path")).ToList();
            // Sliced at an odd offset too, as the scan cuts row groups into batches.
            int cut = n / 3;
            var vectors = columns.Select(c => Vector.Concat(c.Slice(0, 0).Type, [c.Slice(0, cut), c.Slice(cut, n - cut)])).ToList();
            foreach (var c in columns) c.Dispose();
            for (int r = 0; r < n; r++) rows.Add(vectors.Select(v => Format(v, r)).ToArray());
        }
        return rows;
    }

    private static string? Format(Vector v, int row) => v.GetValue(row) switch
    {
        null => null,
        decimal m => m.ToString("F" + v.Type.Scale, CultureInfo.InvariantCulture),
        double d => d.ToString("F4", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        var x => Convert.ToString(x, CultureInfo.InvariantCulture),
    };

    public void Dispose()
    {
        _folder.Dispose();
    }
}
