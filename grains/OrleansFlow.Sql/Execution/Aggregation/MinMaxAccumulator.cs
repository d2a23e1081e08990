using OrleansFlow.Sql.Execution.Expressions;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Aggregation;

/// <summary>min(x) / max(x) over non-NULL values; NULL for a group without any.</summary>
internal sealed class MinMaxAccumulator(SqlType type, bool isMax) : Accumulator
{
    private Vector _values = new(type, 0);
    private bool[] _seen = [];

    public override void Resize(int groupCount)
    {
        if (groupCount <= _seen.Length) return;
        int size = NewSize(_seen.Length, groupCount);
        var grown = new Vector(type, size);
        for (int g = 0; g < _seen.Length; g++) if (_seen[g]) grown.CopyFrom(_values, g, g);
        _values = grown;
        Array.Resize(ref _seen, size);
    }

    public override void Update(int[] groups, Vector? arg, int rowCount)
    {
        var nulls = arg!.Nulls;
        for (int r = 0; r < rowCount; r++)
        {
            if (nulls is not null && nulls[r]) continue;
            int g = groups[r];
            if (!_seen[g])
            {
                _values.CopyFrom(arg, r, g);
                _seen[g] = true;
                continue;
            }
            int c = RowComparer.CompareValues(arg, r, _values, g);
            if (isMax ? c > 0 : c < 0) _values.CopyFrom(arg, r, g);
        }
    }

    public override Vector Result(int groupCount)
    {
        var rows = new int[groupCount];
        for (int g = 0; g < groupCount; g++) rows[g] = _seen[g] ? g : -1;
        return _values.Gather(rows);
    }

    public override IReadOnlyList<SqlType> StateTypes => [type];
    public override Vector[] State(int groupCount) => [Result(groupCount)];
    public override void Merge(int[] groups, IReadOnlyList<Vector> state, int rowCount) => Update(groups, state[0], rowCount);
}
