using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace OrleansFlow.Engine.MapReduce;

/// <summary>Encodes a run of (key, value) records as one Arrow IPC stream — the format of a shuffle block — and back.</summary>
public sealed class KeyValueBlockCodec<TKey, TValue> where TKey : notnull
{
    private readonly IColumnCodec<TKey> _keys = ColumnCodec.For<TKey>();
    private readonly IColumnCodec<TValue> _values = ColumnCodec.For<TValue>();
    private readonly Schema _schema;

    public KeyValueBlockCodec()
    {
        _schema = new Schema.Builder()
            .Field(f => f.Name("key").DataType(_keys.ArrowType).Nullable(false))
            .Field(f => f.Name("value").DataType(_values.ArrowType).Nullable(false))
            .Build();
    }

    public IComparer<TKey> KeyComparer => _keys.Comparer;

    public byte[] Encode(IReadOnlyList<TKey> keys, IReadOnlyList<TValue> values)
    {
        using var batch = new RecordBatch(_schema, [_keys.Build(keys), _values.Build(values)], keys.Count);
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, _schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        return stream.ToArray();
    }

    /// <summary>Calls <paramref name="onRecord"/> for every record of an encoded block.</summary>
    public long Decode(ReadOnlyMemory<byte> block, Action<TKey, TValue> onRecord)
    {
        long records = 0;
        using var reader = new ArrowStreamReader(block);
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                if (batch.ColumnCount != 2)
                    throw new InvalidDataException($"A shuffle block has {batch.ColumnCount} columns; expected key and value.");
                var keys = batch.Column(0);
                var values = batch.Column(1);
                for (var i = 0; i < batch.Length; i++)
                    onRecord(_keys.Get(keys, i), _values.Get(values, i));
                records += batch.Length;
            }
        }
        return records;
    }

    public string FormatKey(TKey key) => _keys.Format(key);
    public string FormatValue(TValue value) => _values.Format(value);
}
