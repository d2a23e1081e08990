using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Aggregation;

/// <summary>avg(x) as a double: exact running sum (decimal for integers and decimals) and a count.</summary>
internal sealed class AvgAccumulator(SqlType argType) : Accumulator
{
    private readonly bool _exact = argType.Kind != SqlTypeKind.Double;
    private readonly ExactSums _decimalSums = new(argType.Kind == SqlTypeKind.Decimal ? argType.Scale : 0);
    private double[] _doubleSums = [];
    private long[] _counts = [];

    public override void Resize(int groupCount)
    {
        if (groupCount <= _counts.Length) return;
        int size = NewSize(_counts.Length, groupCount);
        Array.Resize(ref _counts, size);
        if (_exact) _decimalSums.Resize(size);
        else Array.Resize(ref _doubleSums, size);
    }

    public override void Update(int[] groups, Vector? arg, int rowCount)
    {
        var nulls = arg!.Nulls;
        var storage = arg.Type.Storage;
        for (int r = 0; r < rowCount; r++)
        {
            if (nulls is not null && nulls[r]) continue;
            int g = groups[r];
            _counts[g]++;
            switch (storage)
            {
                case StorageKind.Long: _decimalSums.Add(g, arg.Longs[r]); break;
                case StorageKind.Decimal: _decimalSums.Add(g, arg.Decimals[r]); break;
                default: _doubleSums[g] += arg.Doubles[r]; break;
            }
        }
    }

    public override Vector Result(int groupCount)
    {
        var values = new double[groupCount];
        bool[]? nulls = null;
        for (int g = 0; g < groupCount; g++)
        {
            if (_counts[g] == 0) { (nulls ??= new bool[groupCount])[g] = true; continue; }
            values[g] = _exact ? (double)(_decimalSums.Get(g) / _counts[g]) : _doubleSums[g] / _counts[g];
        }
        return new Vector(SqlType.Double, values, nulls);
    }

    private SqlType SumType => _exact ? SqlType.Decimal(SqlType.MaxDecimalPrecision, argType.Kind == SqlTypeKind.Decimal ? argType.Scale : 0) : SqlType.Double;

    public override IReadOnlyList<SqlType> StateTypes => [SumType, SqlType.Int64];

    public override Vector[] State(int groupCount) =>
    [
        _exact ? new Vector(SumType, _decimalSums.ToArray(groupCount), null) : new Vector(SumType, _doubleSums[..groupCount], null),
        new Vector(SqlType.Int64, _counts[..groupCount], null),
    ];

    public override void Merge(int[] groups, IReadOnlyList<Vector> state, int rowCount)
    {
        for (int r = 0; r < rowCount; r++)
        {
            int g = groups[r];
            _counts[g] += state[1].Longs[r];
            if (_exact) _decimalSums.Add(g, state[0].Decimals[r]);
            else _doubleSums[g] += state[0].Doubles[r];
        }
    }
}
