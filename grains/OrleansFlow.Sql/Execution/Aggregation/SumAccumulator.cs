using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Aggregation;

/// <summary>sum(x) in the argument's storage (exact for integers and decimals); NULL for a group with no non-NULL x.</summary>
internal sealed class SumAccumulator(SqlType resultType) : Accumulator
{
    private long[] _longs = [];
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
                    // Checked: a bigint sum that overflows is an error rather than a wrapped value.
                    _longs[groups[r]] = checked(_longs[groups[r]] + arg.Longs[r]);
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
            StorageKind.Long => new Vector(resultType, _longs[..groupCount], nulls),
            StorageKind.Double => new Vector(resultType, _doubles[..groupCount], nulls),
            _ => new Vector(resultType, _decimals.ToArray(groupCount), nulls),
        };
    }

    public override IReadOnlyList<SqlType> StateTypes => [resultType];
    public override Vector[] State(int groupCount) => [Result(groupCount)];
    public override void Merge(int[] groups, IReadOnlyList<Vector> state, int rowCount) => Update(groups, state[0], rowCount);
}
