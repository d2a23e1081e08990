using System.Collections.Concurrent;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;
using OrleansFlow.Sql.Catalog.ParquetPages;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Catalog;

/// <summary>Parquet via Parquet.Net; a scan unit is a row group, pruned by its min/max statistics.</summary>
internal sealed class ParquetFormat : IFileFormat
{
    private static readonly ParquetOptions Options = new() { UseDateOnlyTypeForDates = true, TreatByteArrayAsString = true };

    public IReadOnlyList<ColumnInfo> ReadSchema(string path)
    {
        var reader = Open(path);
        using var closer = new SyncDisposer(reader);
        var result = new List<ColumnInfo>();
        foreach (var f in reader.Schema.GetDataFields()) result.Add(new ColumnInfo(f.Name.ToLowerInvariant(), TypeOf(f, path)));
        return result;
    }

    public IReadOnlyList<long> UnitRowCounts(string path)
    {
        var reader = Open(path);
        using var closer = new SyncDisposer(reader);
        var counts = new long[reader.RowGroupCount];
        for (int i = 0; i < counts.Length; i++)
        {
            using var rg = reader.OpenRowGroupReader(i);
            counts[i] = rg.RowCount;
        }
        return counts;
    }

    public IEnumerable<Batch> ReadUnit(string path, int unit, IReadOnlyList<ColumnInfo> schema, IReadOnlyList<int> columns,
        IReadOnlyList<ScanPredicate> predicates)
    {
        var file = _files.GetOrAdd(path, static p => new Lazy<OpenFile>(() => new OpenFile(Open(p)))).Value;
        int n;
        var chunks = new ColumnChunk?[columns.Count];
        DataField[] fields;
        lock (file)
        {
            fields = file.Reader.Schema.GetDataFields();
            using var rg = file.Reader.OpenRowGroupReader(unit);
            if (!MayMatch(rg, fields, schema, predicates)) return [];
            n = checked((int)rg.RowCount);
            for (int c = 0; c < chunks.Length; c++) chunks[c] = rg.GetMetadata(fields[columns[c]]);
        }

        var decoded = new DecodedColumn?[columns.Count];
        try
        {
            using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess))
            {
                for (int c = 0; c < decoded.Length; c++)
                    decoded[c] = ColumnChunkDecoder.TryRead(handle, path, chunks[c], fields[columns[c]], schema[columns[c]].Type, n);
            }
            for (int c = 0; c < decoded.Length; c++)
            {
                if (decoded[c] is not null) continue;
                lock (file)
                {
                    using var rg = file.Reader.OpenRowGroupReader(unit);
                    decoded[c] = new DecodedColumn(ReadColumn(rg, fields[columns[c]], schema[columns[c]].Type, n, path));
                }
            }
            // Cut here, on the scan's read-ahead thread, into batch-sized vectors of their own: the operators above
            // keep small arrays, and the row group's pooled arrays go back to the pool at once.
            var batches = new List<Batch>((n + Batch.PreferredRows - 1) / Batch.PreferredRows);
            for (int start = 0; start < n; start += Batch.PreferredRows)
            {
                int count = Math.Min(Batch.PreferredRows, n - start);
                var vectors = new Vector[decoded.Length];
                for (int c = 0; c < vectors.Length; c++) vectors[c] = decoded[c]!.Slice(start, count);
                batches.Add(new Batch(vectors, count));
            }
            if (n == 0) batches.Add(new Batch(decoded.Select(d => d!.Slice(0, 0)).ToArray(), 0));
            return batches;
        }
        finally
        {
            foreach (var d in decoded) d?.Dispose();
        }
    }

    /// <summary>
    /// A file's Parquet.Net reader, opened once: parsing the footer for every row group cost a third of the scan.
    /// It serves metadata, statistics and the columns the fast decoder leaves to Parquet.Net, one caller at a time.
    /// </summary>
    private sealed class OpenFile(ParquetReader reader)
    {
        public ParquetReader Reader { get; } = reader;
    }

    private readonly ConcurrentDictionary<string, Lazy<OpenFile>> _files = new(StringComparer.Ordinal);

    /// <summary>Parquet.Net readers are only async-disposable; the catalog API is synchronous.</summary>
    private sealed class SyncDisposer(IAsyncDisposable inner) : IDisposable
    {
        public void Dispose() => inner.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static ParquetReader Open(string path)
    {
        try
        {
            return ParquetReader.CreateAsync(path, Options).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not IOException)
        {
            throw new InvalidDataException($"'{path}' is not a readable Parquet file: {e.Message}", e);
        }
    }

    private static SqlType TypeOf(DataField f, string path)
    {
        if (f.IsArray) throw new NotSupportedException($"'{path}': column '{f.Name}' is a list, which is not supported");
        if (f is DecimalDataField d) return SqlType.Decimal(d.Precision, d.Scale);
        var t = f.ClrType;
        if (t == typeof(int) || t == typeof(short) || t == typeof(byte) || t == typeof(sbyte) || t == typeof(ushort)) return SqlType.Int32;
        if (t == typeof(long) || t == typeof(uint)) return SqlType.Int64;
        if (t == typeof(double) || t == typeof(float)) return SqlType.Double;
        if (t == typeof(decimal)) return SqlType.Decimal(38, 18);
        if (t == typeof(bool)) return SqlType.Boolean;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>)) return SqlType.Varchar;
        if (t == typeof(DateOnly) || t == typeof(DateTime)) return SqlType.Date;
        throw new NotSupportedException($"'{path}': column '{f.Name}' has type {t.Name}, which is not supported");
    }

    private static bool MayMatch(ParquetRowGroupReader rg, DataField[] fields, IReadOnlyList<ColumnInfo> schema,
        IReadOnlyList<ScanPredicate> predicates)
    {
        foreach (var p in predicates)
        {
            var stats = rg.GetStatistics(fields[p.Column]);
            if (stats?.MinValue is null || stats.MaxValue is null) continue;
            var min = ToStorage(stats.MinValue, schema[p.Column].Type);
            var max = ToStorage(stats.MaxValue, schema[p.Column].Type);
            if (min is null || max is null || min.GetType() != p.Value.GetType()) continue;
            if (!p.MayMatch(min, max)) return false;
        }
        return true;
    }

    private static IComparable? ToStorage(object value, SqlType type) => (value, type.Storage) switch
    {
        (DateOnly d, StorageKind.Long) => Dates.ToDays(d),
        (DateTime d, StorageKind.Long) => Dates.ToDays(DateOnly.FromDateTime(d)),
        (bool b, StorageKind.Long) => b ? 1L : 0L,
        (int or long or short or byte, StorageKind.Long) => Convert.ToInt64(value),
        (double or float, StorageKind.Double) => Convert.ToDouble(value),
        (decimal m, StorageKind.Decimal) => m,
        (string s, StorageKind.String) => s,
        _ => null,
    };

    private static Vector ReadColumn(ParquetRowGroupReader rg, DataField f, SqlType type, int n, string path)
    {
        var t = f.ClrType;
        if (t == typeof(ReadOnlyMemory<char>)) return ReadStrings(rg, f, type, n);
        if (t == typeof(string))
        {
            var values = new string?[n];
            rg.ReadAsync(f, values.AsMemory()).GetAwaiter().GetResult();
            bool[]? nulls = null;
            for (int i = 0; i < n; i++) if (values[i] is null) (nulls ??= new bool[n])[i] = true;
            return new Vector(type, values, nulls);
        }
        if (t == typeof(int)) return ToLongs(Read<int>(rg, f, n), type, static v => v);
        if (t == typeof(long)) return ToLongs(Read<long>(rg, f, n), type, static v => v);
        if (t == typeof(short)) return ToLongs(Read<short>(rg, f, n), type, static v => v);
        if (t == typeof(byte)) return ToLongs(Read<byte>(rg, f, n), type, static v => v);
        if (t == typeof(sbyte)) return ToLongs(Read<sbyte>(rg, f, n), type, static v => v);
        if (t == typeof(ushort)) return ToLongs(Read<ushort>(rg, f, n), type, static v => v);
        if (t == typeof(uint)) return ToLongs(Read<uint>(rg, f, n), type, static v => v);
        if (t == typeof(bool)) return ToLongs(Read<bool>(rg, f, n), type, static v => v ? 1 : 0);
        if (t == typeof(DateOnly)) return ToLongs(Read<DateOnly>(rg, f, n), type, static v => Dates.ToDays(v));
        if (t == typeof(DateTime)) return ToLongs(Read<DateTime>(rg, f, n), type, static v => Dates.ToDays(DateOnly.FromDateTime(v)));
        if (t == typeof(double))
        {
            var (vals, nulls) = Read<double>(rg, f, n);
            return new Vector(type, vals, nulls);
        }
        if (t == typeof(float))
        {
            var (vals, nulls) = Read<float>(rg, f, n);
            var d = new double[n];
            for (int i = 0; i < n; i++) d[i] = vals[i];
            return new Vector(type, d, nulls);
        }
        if (t == typeof(decimal))
        {
            var (vals, nulls) = Read<decimal>(rg, f, n);
            return new Vector(type, vals, nulls);
        }
        throw new NotSupportedException($"'{path}': column '{f.Name}' has type {t.Name}, which is not supported");
    }

    /// <summary>
    /// Strings arrive as character slices; repeated values (flags, modes, names) share one string object,
    /// so a low-cardinality column costs a few allocations instead of one per row.
    /// </summary>
    private static Vector ReadStrings(ParquetRowGroupReader rg, DataField f, SqlType type, int n)
    {
        const int MaxInterned = 4096;
        var (raw, nulls) = Read<ReadOnlyMemory<char>>(rg, f, n);
        var values = new string?[n];
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = interned.GetAlternateLookup<ReadOnlySpan<char>>();
        for (int i = 0; i < n; i++)
        {
            if (nulls is not null && nulls[i]) continue;
            var span = raw[i].Span;
            if (lookup.TryGetValue(span, out var known)) { values[i] = known; continue; }
            string s = span.ToString();
            if (interned.Count < MaxInterned) interned[s] = s;
            values[i] = s;
        }
        return new Vector(type, values, nulls);
    }

    private static (T[] Values, bool[]? Nulls) Read<T>(ParquetRowGroupReader rg, DataField f, int n) where T : struct
    {
        if (!f.IsNullable)
        {
            var plain = new T[n];
            rg.ReadAsync<T>(f, plain.AsMemory()).GetAwaiter().GetResult();
            return (plain, null);
        }
        // Raw reading gives the non-NULL values packed at the front and a definition level per row
        // (0 = NULL for a flat optional column); spreading them out avoids a buffer of T? per row.
        var values = new T[n];
        var levels = new int[n];
        rg.ReadRawAsync<T>(f, values.AsMemory(), levels.AsMemory(), null).GetAwaiter().GetResult();
        int defined = 0;
        for (int i = 0; i < n; i++) if (levels[i] != 0) defined++;
        if (defined == n) return (values, null);
        var nulls = new bool[n];
        for (int i = n - 1, v = defined - 1; i >= 0; i--)
        {
            if (levels[i] == 0) { nulls[i] = true; values[i] = default; }
            else values[i] = values[v--];
        }
        return (values, nulls);
    }

    private static Vector ToLongs<T>((T[] Values, bool[]? Nulls) read, SqlType type, Func<T, long> convert)
    {
        var longs = new long[read.Values.Length];
        for (int i = 0; i < longs.Length; i++) longs[i] = convert(read.Values[i]);
        return new Vector(type, longs, read.Nulls);
    }
}
