using OrleansFlow.Sql.Execution.Hashing;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Operators;

/// <summary>
/// UNION / INTERSECT / EXCEPT, with or without ALL, comparing whole rows (NULL equals NULL here).
/// ALL variants keep multiplicities: INTERSECT ALL min(m, n) copies, EXCEPT ALL max(m - n, 0).
/// </summary>
public sealed class SetOperationOperator(SetOpKind kind, bool all, IBatchOperator left, IBatchOperator right) : IBatchOperator
{
    public IReadOnlyList<SqlType> OutputTypes => left.OutputTypes;

    public IEnumerable<Batch> Execute()
    {
        if (kind == SetOpKind.Union && all)
        {
            foreach (var b in left.Execute()) yield return b;
            foreach (var b in right.Execute()) yield return b;
            yield break;
        }
        var types = OutputTypes;
        if (kind == SetOpKind.Union)
        {
            var seen = new GroupTable(types);
            foreach (var b in left.Execute().Concat(right.Execute()))
            {
                if (FirstOccurrences(seen, b) is { Length: > 0 } rows) yield return b.Gather(rows);
            }
            yield break;
        }

        // INTERSECT / EXCEPT: count the right side's rows per distinct row.
        var rightRows = new GroupTable(types);
        var rightCounts = new List<long>();
        foreach (var b in right.Execute())
        {
            var groups = rightRows.FindOrAdd(b.Columns, b.RowCount);
            foreach (int g in groups)
            {
                while (rightCounts.Count <= g) rightCounts.Add(0);
                rightCounts[g]++;
            }
        }
        var leftSeen = new GroupTable(types);
        var leftCounts = new List<long>();
        foreach (var b in left.Execute())
        {
            var hashes = KeyHasher.Hash(b.Columns, b.RowCount);
            var keep = new List<int>();
            for (int r = 0; r < b.RowCount; r++)
            {
                int g = leftSeen.FindOrAdd(b.Columns, r, hashes[r]);
                while (leftCounts.Count <= g) leftCounts.Add(0);
                long occurrence = ++leftCounts[g];
                int rg = rightRows.Find(b.Columns, r, hashes[r]);
                long inRight = rg < 0 ? 0 : rightCounts[rg];
                bool emit = kind == SetOpKind.Intersect
                    ? (all ? occurrence <= inRight : occurrence == 1 && inRight > 0)
                    : (all ? occurrence > inRight : occurrence == 1 && inRight == 0);
                if (emit) keep.Add(r);
            }
            if (keep.Count > 0) yield return b.Gather(keep.ToArray());
        }
    }

    private static int[] FirstOccurrences(GroupTable seen, Batch b)
    {
        var hashes = KeyHasher.Hash(b.Columns, b.RowCount);
        var rows = new List<int>();
        for (int r = 0; r < b.RowCount; r++)
        {
            int before = seen.Count;
            seen.FindOrAdd(b.Columns, r, hashes[r]);
            if (seen.Count > before) rows.Add(r);
        }
        return rows.ToArray();
    }
}
