using Parquet;

namespace OrleansFlow.Datagen.Core;

/// <summary>
/// One row group being filled: a typed array per column. Generators take the arrays once (by column name) and fill
/// row <see cref="Count"/> directly, so the per-row path is plain array stores with no allocation besides strings.
/// </summary>
internal sealed class TableBatch
{
    private readonly Array[] _columns;

    public TableBatch(TableSchema schema, int capacity)
    {
        Schema = schema;
        Capacity = capacity;
        _columns = new Array[schema.Columns.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = schema.Columns[i].Kind switch
            {
                ColumnKind.Int32 => new int[capacity],
                ColumnKind.Int64 => new long[capacity],
                ColumnKind.NullableInt64 => new long?[capacity],
                ColumnKind.Decimal => new decimal[capacity],
                ColumnKind.Date => new DateOnly[capacity],
                ColumnKind.NullableDate => new DateOnly?[capacity],
                ColumnKind.String => new string[capacity],
                _ => throw new InvalidOperationException($"Unknown kind of column '{schema.Columns[i].Name}'."),
            };
        }
    }

    public TableSchema Schema { get; }
    public int Capacity { get; }
    public int Count { get; set; }
    public bool IsFull => Count >= Capacity;

    /// <summary>Claims the next row and returns its index.</summary>
    public int Add() => Count++;

    public int[] Int32(string column) => Get<int>(column);
    public long[] Int64(string column) => Get<long>(column);
    public long?[] NullableInt64(string column) => Get<long?>(column);
    public decimal[] Decimal(string column) => Get<decimal>(column);
    public DateOnly[] Date(string column) => Get<DateOnly>(column);
    public DateOnly?[] NullableDate(string column) => Get<DateOnly?>(column);
    public string[] String(string column) => Get<string>(column);

    public async Task WriteRowGroupAsync(ParquetWriter writer, CancellationToken ct)
    {
        if (Count == 0)
        {
            return;
        }

        using var rowGroup = writer.CreateRowGroup();
        for (var i = 0; i < _columns.Length; i++)
        {
            var field = Schema.Fields[i];
            switch (_columns[i])
            {
                case int[] a: await rowGroup.WriteAsync<int>(field, a.AsMemory(0, Count), null, null, ct); break;
                case long[] a: await rowGroup.WriteAsync<long>(field, a.AsMemory(0, Count), null, null, ct); break;
                case long?[] a: await rowGroup.WriteAsync<long>(field, a.AsMemory(0, Count), null, null, ct); break;
                case decimal[] a: await rowGroup.WriteAsync<decimal>(field, a.AsMemory(0, Count), null, null, ct); break;
                case DateOnly[] a: await rowGroup.WriteAsync<DateOnly>(field, a.AsMemory(0, Count), null, null, ct); break;
                case DateOnly?[] a: await rowGroup.WriteAsync<DateOnly>(field, a.AsMemory(0, Count), null, null, ct); break;
                case string[] a: await rowGroup.WriteAsync(field, new ArraySegment<string>(a, 0, Count), null); break;
                default: throw new InvalidOperationException($"Unknown buffer for column '{field.Name}'.");
            }
        }

        rowGroup.CompleteValidate();
        Count = 0;
    }

    private T[] Get<T>(string column)
    {
        var index = Schema.IndexOf(column);
        return _columns[index] as T[]
            ?? throw new ArgumentException(
                $"Column '{Schema.Name}.{column}' is {Schema.Columns[index].Kind}, not {typeof(T).Name}.", nameof(column));
    }
}
