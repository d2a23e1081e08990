using OrleansFlow.Sql.Execution.Aggregation;
using OrleansFlow.Sql.Execution.Hashing;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Operators;

public enum AggregateMode
{
    /// <summary>Raw rows in, final values out.</summary>
    Single,
    /// <summary>Raw rows in, mergeable states out: keys, [grouping-set id], state columns.</summary>
    Partial,
    /// <summary>Partial states in (same layout), final values out.</summary>
    Final,
}

/// <summary>
/// Hash aggregation with optional grouping sets. Each grouping set aggregates the same rows with the keys outside
/// the set replaced by NULL; a hidden set id keeps a data NULL apart from a rolled-up NULL.
/// Output: group keys then one column per aggregate (Partial: states instead, and the set id after the keys).
/// </summary>
public sealed class HashAggregateOperator : IBatchOperator
{
    private readonly IBatchOperator _input;
    private readonly IReadOnlyList<Func<Batch, Vector>> _groupExprs;
    private readonly IReadOnlyList<SqlType> _groupTypes;
    private readonly IReadOnlyList<AggregateCall> _calls;
    private readonly IReadOnlyList<Func<Batch, Vector>?> _args;
    private readonly IReadOnlyList<IReadOnlyList<int>>? _sets;
    private readonly AggregateMode _mode;

    public IReadOnlyList<SqlType> OutputTypes { get; }

    public HashAggregateOperator(IBatchOperator input, IReadOnlyList<Func<Batch, Vector>> groupExprs, IReadOnlyList<SqlType> groupTypes,
        IReadOnlyList<AggregateCall> calls, IReadOnlyList<Func<Batch, Vector>?> args, IReadOnlyList<IReadOnlyList<int>>? sets,
        AggregateMode mode)
    {
        _input = input;
        _groupExprs = groupExprs;
        _groupTypes = groupTypes;
        _calls = calls;
        _args = args;
        _sets = sets;
        _mode = mode;
        var types = new List<SqlType>(groupTypes);
        if (mode == AggregateMode.Partial)
        {
            if (sets is not null) types.Add(SqlType.Int64);
            foreach (var c in calls) types.AddRange(AccumulatorFactory.Create(c).StateTypes);
        }
        else types.AddRange(calls.Select(c => c.Type));
        OutputTypes = types;
    }

    public IEnumerable<Batch> Execute()
    {
        var keyTypes = new List<SqlType>(_groupTypes);
        if (_sets is not null) keyTypes.Add(SqlType.Int64);
        var table = new GroupTable(keyTypes);
        var accumulators = _calls.Select(AccumulatorFactory.Create).ToArray();
        bool sawRows = false;

        foreach (var batch in _input.Execute())
        {
            int n = batch.RowCount;
            if (n == 0) continue;
            sawRows = true;
            if (_mode == AggregateMode.Final)
            {
                var keys = new Vector[keyTypes.Count];
                for (int k = 0; k < keys.Length; k++) keys[k] = batch.Columns[k];
                var groups = table.FindOrAdd(keys, n);
                int at = keys.Length;
                foreach (var acc in accumulators)
                {
                    int width = acc.StateTypes.Count;
                    var state = new Vector[width];
                    for (int s = 0; s < width; s++) state[s] = batch.Columns[at + s];
                    at += width;
                    acc.Resize(table.Count);
                    acc.Merge(groups, state, n);
                }
                continue;
            }
            var keyValues = new Vector[_groupExprs.Count];
            for (int k = 0; k < keyValues.Length; k++) keyValues[k] = _groupExprs[k](batch);
            var argValues = new Vector?[_args.Count];
            for (int a = 0; a < argValues.Length; a++) argValues[a] = _args[a]?.Invoke(batch);
            int setCount = _sets?.Count ?? 1;
            for (int s = 0; s < setCount; s++)
            {
                var keys = KeysForSet(keyValues, s, n);
                var groups = table.FindOrAdd(keys, n);
                for (int a = 0; a < accumulators.Length; a++)
                {
                    accumulators[a].Resize(table.Count);
                    accumulators[a].Update(groups, argValues[a], n);
                }
            }
        }

        // A global aggregate, and the empty grouping set, yield a row even without input.
        if (!sawRows)
        {
            if (_sets is null && _groupTypes.Count == 0) AddEmptyGroup(table, [], accumulators);
            else if (_sets is not null)
            {
                for (int s = 0; s < _sets.Count; s++)
                    if (_sets[s].Count == 0) AddEmptyGroup(table, KeysForSet(_groupTypes.Select(t => Vector.Constant(t, null, 1)).ToArray(), s, 1), accumulators);
            }
        }

        int groupCount = table.Count;
        var keyVectors = table.KeyVectors();
        var columns = new List<Vector>();
        for (int k = 0; k < _groupTypes.Count; k++) columns.Add(keyVectors[k]);
        if (_mode == AggregateMode.Partial)
        {
            if (_sets is not null) columns.Add(keyVectors[^1]);
            foreach (var acc in accumulators) columns.AddRange(acc.State(groupCount));
        }
        else
        {
            foreach (var acc in accumulators) columns.Add(acc.Result(groupCount));
        }
        if (groupCount > 0) yield return new Batch(columns, groupCount);
    }

    private Vector[] KeysForSet(Vector[] keyValues, int set, int n)
    {
        if (_sets is null) return keyValues;
        var keys = new Vector[keyValues.Length + 1];
        var members = _sets[set];
        for (int k = 0; k < keyValues.Length; k++)
            keys[k] = members.Contains(k) ? keyValues[k] : Vector.Constant(_groupTypes[k], null, n);
        keys[^1] = Vector.Constant(SqlType.Int64, (long)set, n);
        return keys;
    }

    private static void AddEmptyGroup(GroupTable table, Vector[] keys, Accumulator[] accumulators)
    {
        table.FindOrAdd(keys, 1);
        foreach (var acc in accumulators) acc.Resize(table.Count);
    }
}
