using System.Buffers;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Catalog.ParquetPages;

/// <summary>
/// One column of a decoded row group, cut into batch-sized vectors by <see cref="Slice"/>: either pooled arrays
/// from <see cref="ColumnChunkDecoder"/> (returned on dispose) or a vector Parquet.Net produced.
/// </summary>
internal sealed class DecodedColumn : IDisposable
{
    private readonly ColumnValues? _values;
    private readonly Vector? _vector;
    private readonly SqlType _type;
    private bool[]? _nulls;

    public DecodedColumn(ColumnValues values, SqlType type)
    {
        _values = values;
        _type = type;
    }

    public DecodedColumn(Vector vector)
    {
        _vector = vector;
        _type = vector.Type;
    }

    internal ColumnValues Values => _values ?? throw new InvalidOperationException("a Parquet.Net column has no pooled values");

    /// <summary>The pooled null mask of rows [0, rows), created when the first NULL shows up.</summary>
    internal bool[] EnsureNulls(int rows)
    {
        if (_nulls is null)
        {
            _nulls = ArrayPool<bool>.Shared.Rent(rows);
            Array.Clear(_nulls, 0, rows);
        }
        return _nulls;
    }

    internal bool[]? Nulls => _nulls;

    public Vector Slice(int start, int count) =>
        _vector is not null ? (start == 0 && count == _vector.Length ? _vector : _vector.Slice(start, count))
            : _values!.Slice(_type, _nulls, start, count);

    public void Dispose()
    {
        _values?.Dispose();
        if (_nulls is not null) ArrayPool<bool>.Shared.Return(_nulls);
        _nulls = null;
    }
}
