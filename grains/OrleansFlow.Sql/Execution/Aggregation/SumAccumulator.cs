using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Aggregation;

/// <summary>
/// sum(x) in the argument's storage (exact for integers and decimals); NULL for a group with no non-NULL x.
/// Integer sums run in 128 bits, as DuckDB's (which returns HUGEINT): a total that passes through values
/// beyond bigint and comes back is exact, and a total that ends beyond bigint is an error rather than a
/// wrapped value. The partial state is decimal(38,0), so partial sums on different workers cannot overflow.
/// </summary>
internal sealed class SumAccumulator(SqlType resultType) : Accumulator
{
    private static readonly SqlType IntegerState = SqlType.Decimal(SqlType.MaxDecimalPrecision, 0);
    private Int128[] _longs = [];
    private double[] _doubles = [];
    private readonly ExactSums _decimals = new(resultType.Scale);
    private bool[] _seen = [];

    public override void Resize(int groupCount)
    {
        if (groupCount <= _seen.Length) return;
        int size = NewSize(_seen.Length, groupCount);
        Array.Resize(ref _seen, size);
        switch (resultType.Storage)
        {
            case StorageKind.Long: Array.Resize(ref _longs, size); break;
            case StorageKind.Double: Array.Resize(ref _doubles, size); break;
            default: _decimals.Resize(size); break;
        }
    }

    public override void Update(int[] groups, Vector? arg, int rowCount)
    {
        var nulls = arg!.Nulls;
        switch (resultType.Storage)
        {
            case StorageKind.Long:
                for (int r = 0; r < rowCount; r++)
                {
                    if (nulls is not null && nulls[r]) continue;
                    _longs[groups[r]] += arg.Longs[r];
                    _seen[groups[r]] = true;
                }
                break;
            case StorageKind.Double:
                for (int r = 0; r < rowCount; r++)
                {
                    if (nulls is not null && nulls[r]) continue;
                    _doubles[groups[r]] += arg.Doubles[r];
                    _seen[groups[r]] = true;
                }
                break;
            default:
                if (arg.UnscaledDecimals is { } unscaled && arg.Type.Scale == _decimals.Scale)
                {
                    for (int r = 0; r < rowCount; r++)
                    {
                        if (nulls is not null && nulls[r]) continue;
                        _decimals.Add(groups[r], unscaled[r]);
                        _seen[groups[r]] = true;
                    }
                    break;
                }
                for (int r = 0; r < rowCount; r++)
                {
                    if (nulls is not null && nulls[r]) continue;
                    _decimals.Add(groups[r], arg.Decimals[r]);
                    _seen[groups[r]] = true;
                }
                break;
        }
    }

    public override Vector Result(int groupCount)
    {
        bool[]? nulls = null;
        for (int g = 0; g < groupCount; g++) if (!_seen[g]) (nulls ??= new bool[groupCount])[g] = true;
        return resultType.Storage switch
        {
            StorageKind.Long => new Vector(resultType, IntegerTotals(groupCount), nulls),
            StorageKind.Double => new Vector(resultType, _doubles[..groupCount], nulls),
            _ => new Vector(resultType, _decimals.ToArray(groupCount), nulls),
        };
    }

    private long[] IntegerTotals(int groupCount)
    {
        var totals = new long[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            Int128 total = _longs[g];
            if (total < long.MinValue || total > long.MaxValue)
                throw new SqlExecutionException($"integer overflow in sum of {resultType}: the total {total} does not fit (DuckDB returns a 128-bit HUGEINT here; this engine has none)");
            totals[g] = (long)total;
        }
        return totals;
    }

    public override IReadOnlyList<SqlType> StateTypes => [resultType.Storage == StorageKind.Long ? IntegerState : resultType];

    public override Vector[] State(int groupCount)
    {
        if (resultType.Storage != StorageKind.Long) return [Result(groupCount)];
        bool[]? nulls = null;
        var values = new decimal[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            if (!_seen[g]) (nulls ??= new bool[groupCount])[g] = true;
            else values[g] = (decimal)_longs[g];
        }
        return [new Vector(IntegerState, values, nulls)];
    }

    public override void Merge(int[] groups, IReadOnlyList<Vector> state, int rowCount)
    {
        if (resultType.Storage != StorageKind.Long)
        {
            Update(groups, state[0], rowCount);
            return;
        }
        var partial = state[0];
        for (int r = 0; r < rowCount; r++)
        {
            if (partial.IsNull(r)) continue;
            _longs[groups[r]] += (Int128)partial.Decimals[r];
            _seen[groups[r]] = true;
        }
    }
}
