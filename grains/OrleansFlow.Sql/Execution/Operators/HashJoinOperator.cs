using OrleansFlow.Sql.Execution.Expressions;
using OrleansFlow.Sql.Execution.Hashing;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Operators;

/// <summary>
/// Hash join: the right input is built into a hash table on its key expressions, the left input probes it.
/// Rows with a NULL key never match. Without keys every pair is a candidate (nested loop). The residual
/// condition is evaluated on candidate pairs (left columns then right columns). Output: left then right
/// columns (Semi / Anti: left only); outer sides are padded with NULLs.
/// </summary>
public sealed class HashJoinOperator(IBatchOperator left, IBatchOperator right, JoinType type,
    IReadOnlyList<Func<Batch, Vector>> leftKeys, IReadOnlyList<Func<Batch, Vector>> rightKeys, Func<Batch, Vector>? residual)
    : IBatchOperator
{
    private const int PairChunk = 1 << 16;

    public IReadOnlyList<SqlType> OutputTypes { get; } =
        type is JoinType.Semi or JoinType.Anti ? left.OutputTypes : [.. left.OutputTypes, .. right.OutputTypes];

    private sealed record BuildSide(Batch Rows, JoinHashTable? Table, JoinKeyFilter? Filter);

    public IEnumerable<Batch> Execute()
    {
        // The build side is read and hashed on another thread while the probe side produces its first batch.
        // A dedicated thread, not a pool thread: it blocks on its own inputs, and pool threads blocked by nested
        // joins and scans starve the pool, which adds threads only about twice a second.
        var building = Task.Factory.StartNew(() =>
        {
            var rows = Batch.Concat(right.OutputTypes, right.Execute().ToList() is { Count: > 0 } parts ? parts : [Batch.Empty(right.OutputTypes)]);
            var keys = rightKeys.Select(k => k(rows)).ToArray();
            // Probe rows without a partner can be dropped early only where they produce no output.
            var filter = type is JoinType.Inner or JoinType.Semi or JoinType.Right ? JoinKeyFilter.TryBuild(keys, rows.RowCount) : null;
            return new BuildSide(rows, leftKeys.Count > 0 ? new JoinHashTable(keys, rows.RowCount) : null, filter);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Current);
        using var probes = left.Execute().GetEnumerator();
        bool hasFirst = probes.MoveNext();
        var side = building.GetAwaiter().GetResult();
        foreach (var batch in Probe(side, probes, hasFirst)) yield return batch;
    }

    private IEnumerable<Batch> Probe(BuildSide side, IEnumerator<Batch> probes, bool hasFirst)
    {
        var build = side.Rows;
        var table = side.Table;
        var buildMatched = type is JoinType.Right or JoinType.Full ? new bool[build.RowCount] : null;

        for (bool more = hasFirst; more; more = probes.MoveNext())
        {
            var probe = probes.Current;
            int n = probe.RowCount;
            if (n == 0) continue;
            var probeKeys = leftKeys.Select(k => k(probe)).ToArray();
            if (side.Filter is not null && table is not null)
            {
                var candidates = side.Filter.MayMatch(probeKeys[0], n);
                if (candidates.Length == 0) continue;
                if (candidates.Length < n)
                {
                    probe = probe.Gather(candidates);
                    n = probe.RowCount;
                    probeKeys = leftKeys.Select(k => k(probe)).ToArray();
                }
            }
            var probeMatched = new bool[n];
            var probeRows = new List<int>(Math.Min(PairChunk, n));
            var buildRows = new List<int>(Math.Min(PairChunk, n));
            bool pairsNeeded = residual is not null || type is not (JoinType.Semi or JoinType.Anti);

            var hashes = table is null ? null : KeyHasher.Hash(probeKeys, n);
            for (int p = 0; p < n; p++)
            {
                if (table is not null)
                {
                    if (HasNullKey(probeKeys, p)) continue;
                    for (int b = table.First(hashes![p]); b >= 0; b = table.Next(b))
                    {
                        if (!table.Matches(b, hashes[p], probeKeys, p)) continue;
                        if (!pairsNeeded) { probeMatched[p] = true; break; }
                        probeRows.Add(p);
                        buildRows.Add(b);
                    }
                }
                else if (!pairsNeeded) probeMatched[p] = build.RowCount > 0;
                else
                {
                    for (int b = 0; b < build.RowCount; b++)
                    {
                        probeRows.Add(p);
                        buildRows.Add(b);
                        if (probeRows.Count >= PairChunk)
                        {
                            if (EmitPairs(probe, build, probeRows, buildRows, probeMatched, buildMatched) is { } chunk) yield return chunk;
                        }
                    }
                }
                // Bound the pair buffers when one probe row matches many build rows.
                if (probeRows.Count >= PairChunk)
                {
                    if (EmitPairs(probe, build, probeRows, buildRows, probeMatched, buildMatched) is { } chunk) yield return chunk;
                }
            }
            if (probeRows.Count > 0)
            {
                if (EmitPairs(probe, build, probeRows, buildRows, probeMatched, buildMatched) is { } chunk) yield return chunk;
            }

            switch (type)
            {
                case JoinType.Left:
                case JoinType.Full:
                {
                    var unmatched = Rows(probeMatched, false);
                    if (unmatched.Length > 0) yield return Pad(probe.Gather(unmatched), right.OutputTypes, padRight: true);
                    break;
                }
                case JoinType.Semi:
                case JoinType.Anti:
                {
                    var rows = Rows(probeMatched, type == JoinType.Semi);
                    if (rows.Length == n) yield return probe;
                    else if (rows.Length > 0) yield return probe.Gather(rows);
                    break;
                }
            }
        }

        if (buildMatched is not null)
        {
            var unmatched = Rows(buildMatched, false);
            if (unmatched.Length > 0) yield return Pad(build.Gather(unmatched), left.OutputTypes, padRight: false);
        }
    }

    private Batch? EmitPairs(Batch probe, Batch build, List<int> probeRows, List<int> buildRows, bool[] probeMatched, bool[]? buildMatched)
    {
        var pIdx = probeRows.ToArray();
        var bIdx = buildRows.ToArray();
        probeRows.Clear();
        buildRows.Clear();
        var pairs = new Batch([.. probe.Gather(pIdx).Columns, .. build.Gather(bIdx).Columns], pIdx.Length);
        if (residual is not null)
        {
            var selected = LogicKernels.Selection(residual(pairs), out bool all);
            if (!all)
            {
                pairs = pairs.Gather(selected);
                pIdx = selected.Select(i => pIdx[i]).ToArray();
                bIdx = selected.Select(i => bIdx[i]).ToArray();
            }
        }
        foreach (int p in pIdx) probeMatched[p] = true;
        if (buildMatched is not null) foreach (int b in bIdx) buildMatched[b] = true;
        if (type is JoinType.Semi or JoinType.Anti || pairs.RowCount == 0) return null;
        return pairs;
    }

    private static Batch Pad(Batch side, IReadOnlyList<SqlType> otherTypes, bool padRight)
    {
        var nulls = otherTypes.Select(t => Vector.Constant(t, null, side.RowCount)).ToList();
        return new Batch(padRight ? [.. side.Columns, .. nulls] : [.. nulls, .. side.Columns], side.RowCount);
    }

    private static int[] Rows(bool[] flags, bool wanted)
    {
        var rows = new List<int>();
        for (int i = 0; i < flags.Length; i++) if (flags[i] == wanted) rows.Add(i);
        return rows.ToArray();
    }

    private static bool HasNullKey(Vector[] keys, int row)
    {
        foreach (var k in keys) if (k.IsNull(row)) return true;
        return false;
    }
}
