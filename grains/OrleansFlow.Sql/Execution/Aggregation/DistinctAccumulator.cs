using OrleansFlow.Sql.Execution.Hashing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Aggregation;

/// <summary>
/// count/sum/avg(DISTINCT x): feeds the inner accumulator only the first occurrence of each (group, x).
/// Its state is not mergeable, so plans aggregate DISTINCT in one phase after repartitioning by the group keys.
/// </summary>
internal sealed class DistinctAccumulator(Accumulator inner, SqlType argType) : Accumulator
{
    private readonly GroupTable _seen = new([SqlType.Int64, argType]);

    public override void Resize(int groupCount) => inner.Resize(groupCount);

    public override void Update(int[] groups, Vector? arg, int rowCount)
    {
        var groupVector = new Vector(SqlType.Int64, rowCount);
        for (int r = 0; r < rowCount; r++) groupVector.Longs[r] = groups[r];
        Vector[] keys = [groupVector, arg!];
        var hashes = KeyHasher.Hash(keys, rowCount);
        var firstRows = new List<int>();
        for (int r = 0; r < rowCount; r++)
        {
            if (arg!.IsNull(r)) continue;
            int before = _seen.Count;
            _seen.FindOrAdd(keys, r, hashes[r]);
            if (_seen.Count > before) firstRows.Add(r);
        }
        var rows = firstRows.ToArray();
        var subGroups = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++) subGroups[i] = groups[rows[i]];
        inner.Update(subGroups, arg!.Gather(rows), rows.Length);
    }

    public override Vector Result(int groupCount) => inner.Result(groupCount);
    public override IReadOnlyList<SqlType> StateTypes => throw new NotSupportedException("DISTINCT aggregates run in a single phase");
    public override Vector[] State(int groupCount) => throw new NotSupportedException("DISTINCT aggregates run in a single phase");
    public override void Merge(int[] groups, IReadOnlyList<Vector> state, int rowCount) =>
        throw new NotSupportedException("DISTINCT aggregates run in a single phase");
}
