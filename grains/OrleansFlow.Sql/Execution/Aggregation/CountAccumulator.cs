using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Aggregation;

/// <summary>count(*) counts rows; count(x) counts non-NULL x. Never NULL.</summary>
internal sealed class CountAccumulator(bool countStar) : Accumulator
{
    private long[] _counts = [];

    public override void Resize(int groupCount)
    {
        if (groupCount > _counts.Length) Array.Resize(ref _counts, NewSize(_counts.Length, groupCount));
    }

    public override void Update(int[] groups, Vector? arg, int rowCount)
    {
        var nulls = countStar ? null : arg!.Nulls;
        for (int r = 0; r < rowCount; r++)
            if (nulls is null || !nulls[r]) _counts[groups[r]]++;
    }

    public override Vector Result(int groupCount) => new(SqlType.Int64, _counts[..groupCount], null);
    public override IReadOnlyList<SqlType> StateTypes => [SqlType.Int64];
    public override Vector[] State(int groupCount) => [Result(groupCount)];

    public override void Merge(int[] groups, IReadOnlyList<Vector> state, int rowCount)
    {
        var c = state[0].Longs;
        for (int r = 0; r < rowCount; r++) _counts[groups[r]] += c[r];
    }
}
