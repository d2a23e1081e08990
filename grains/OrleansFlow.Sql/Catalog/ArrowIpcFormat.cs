using Apache.Arrow;
using Apache.Arrow.Ipc;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Catalog;

/// <summary>Arrow IPC files (the file format, or a stream); the whole file is one scan unit.</summary>
internal sealed class ArrowIpcFormat : IFileFormat
{
    public IReadOnlyList<ColumnInfo> ReadSchema(string path)
    {
        using var reader = Open(path);
        var schema = reader.Schema;
        var result = new List<ColumnInfo>();
        foreach (var f in schema.FieldsList)
        {
            var type = SqlType.FromArrow(f.DataType)
                ?? throw new NotSupportedException($"'{path}': column '{f.Name}' has Arrow type {f.DataType.Name}, which is not supported");
            result.Add(new ColumnInfo(f.Name.ToLowerInvariant(), type));
        }
        return result;
    }

    public IReadOnlyList<long> UnitRowCounts(string path)
    {
        using var reader = Open(path);
        long rows = 0;
        while (reader.ReadNextRecordBatch() is { } b) using (b) rows += b.Length;
        return [rows];
    }

    public IEnumerable<Batch> ReadUnit(string path, int unit, IReadOnlyList<ColumnInfo> schema, IReadOnlyList<int> columns,
        IReadOnlyList<ScanPredicate> predicates)
    {
        using var reader = Open(path);
        while (reader.ReadNextRecordBatch() is { } rb)
        {
            using (rb)
            {
                var vectors = new Vector[columns.Count];
                for (int c = 0; c < vectors.Length; c++)
                    vectors[c] = ArrowConversion.FromArrowArray(rb.Column(columns[c]), schema[columns[c]].Type);
                yield return new Batch(vectors, rb.Length);
            }
        }
    }

    private static ArrowStreamReader Open(string path)
    {
        var stream = File.OpenRead(path);
        var magic = new byte[6];
        int read = stream.Read(magic);
        stream.Position = 0;
        bool isFile = read == 6 && magic.AsSpan().SequenceEqual("ARROW1"u8);
        return isFile ? new ArrowFileReader(stream) : new ArrowStreamReader(stream);
    }
}
