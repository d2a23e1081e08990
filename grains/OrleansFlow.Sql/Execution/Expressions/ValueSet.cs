using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Expressions;

/// <summary>A set of non-NULL values of one type plus whether a NULL was seen, for IN lists and IN subqueries.</summary>
internal sealed class ValueSet
{
    private readonly HashSet<long> _longs = [];
    private readonly HashSet<double> _doubles = [];
    private readonly HashSet<decimal> _decimals = [];
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly StorageKind _storage;

    public bool HasNull { get; private set; }

    public ValueSet(SqlType type) => _storage = type.Storage;

    public void AddAll(Vector v)
    {
        for (int i = 0; i < v.Length; i++)
        {
            if (v.IsNull(i)) { HasNull = true; continue; }
            switch (_storage)
            {
                case StorageKind.Long: _longs.Add(v.Longs[i]); break;
                case StorageKind.Double: _doubles.Add(v.Doubles[i]); break;
                case StorageKind.Decimal: _decimals.Add(v.Decimals[i]); break;
                default: _strings.Add(v.Strings[i]!); break;
            }
        }
    }

    /// <summary>SQL "x IN set": TRUE on a match; otherwise NULL if x is NULL or the set holds a NULL; else FALSE.</summary>
    public Vector Probe(Vector x, bool negated)
    {
        int n = x.Length;
        var res = new long[n];
        bool[]? nulls = null;
        for (int i = 0; i < n; i++)
        {
            if (x.IsNull(i)) { (nulls ??= new bool[n])[i] = true; continue; }
            bool found = _storage switch
            {
                StorageKind.Long => _longs.Contains(x.Longs[i]),
                StorageKind.Double => _doubles.Contains(x.Doubles[i]),
                StorageKind.Decimal => _decimals.Contains(x.Decimals[i]),
                _ => _strings.Contains(x.Strings[i]!),
            };
            if (found) res[i] = negated ? 0 : 1;
            else if (HasNull) (nulls ??= new bool[n])[i] = true;
            else res[i] = negated ? 1 : 0;
        }
        return new Vector(SqlType.Boolean, res, nulls);
    }
}
