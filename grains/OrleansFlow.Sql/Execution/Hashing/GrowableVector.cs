using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Hashing;

/// <summary>An append-only column used to store distinct keys of a hash table.</summary>
internal sealed class GrowableVector(SqlType type)
{
    private long[] _longs = type.Storage == StorageKind.Long ? new long[16] : [];
    private double[] _doubles = type.Storage == StorageKind.Double ? new double[16] : [];
    private decimal[] _decimals = type.Storage == StorageKind.Decimal ? new decimal[16] : [];
    private string?[] _strings = type.Storage == StorageKind.String ? new string?[16] : [];
    private bool[] _nulls = new bool[16];
    private bool _anyNull;

    public int Count { get; private set; }

    public void Append(Vector src, int row)
    {
        if (Count == _nulls.Length) Grow();
        if (src.IsNull(row)) { _nulls[Count] = true; _anyNull = true; }
        else
        {
            switch (type.Storage)
            {
                case StorageKind.Long: _longs[Count] = src.Longs[row]; break;
                case StorageKind.Double: _doubles[Count] = src.Doubles[row]; break;
                case StorageKind.Decimal: _decimals[Count] = src.Decimals[row]; break;
                default: _strings[Count] = src.Strings[row]; break;
            }
        }
        Count++;
    }

    /// <summary>Grouping equality: NULL equals NULL.</summary>
    public bool EqualsRow(int index, Vector src, int row)
    {
        bool srcNull = src.IsNull(row);
        if (_nulls[index] || srcNull) return _nulls[index] && srcNull;
        return type.Storage switch
        {
            StorageKind.Long => _longs[index] == src.Longs[row],
            StorageKind.Double => _doubles[index].Equals(src.Doubles[row]),
            StorageKind.Decimal => _decimals[index] == src.Decimals[row],
            _ => string.Equals(_strings[index], src.Strings[row], StringComparison.Ordinal),
        };
    }

    public Vector ToVector()
    {
        bool[]? nulls = _anyNull ? _nulls[..Count] : null;
        return type.Storage switch
        {
            StorageKind.Long => new Vector(type, _longs[..Count], nulls),
            StorageKind.Double => new Vector(type, _doubles[..Count], nulls),
            StorageKind.Decimal => new Vector(type, _decimals[..Count], nulls),
            _ => new Vector(type, _strings[..Count], nulls),
        };
    }

    private void Grow()
    {
        int size = _nulls.Length * 2;
        Array.Resize(ref _nulls, size);
        switch (type.Storage)
        {
            case StorageKind.Long: Array.Resize(ref _longs, size); break;
            case StorageKind.Double: Array.Resize(ref _doubles, size); break;
            case StorageKind.Decimal: Array.Resize(ref _decimals, size); break;
            default: Array.Resize(ref _strings, size); break;
        }
    }
}
