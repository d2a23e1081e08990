using OrleansFlow.Sql.Execution.Expressions;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Operators;

/// <summary>One sort key: the column, direction and where NULLs go.</summary>
public sealed record SortSpec(Func<Batch, Vector> Key, bool Descending, bool NullsFirst);

/// <summary>
/// Materialises its input and sorts it (stable). With <c>limit</c> set it is a top-N: only the first N rows
/// (after <c>offset</c>) are kept, using a bounded selection instead of a full sort when N is small.
/// </summary>
public sealed class SortOperator(IBatchOperator input, IReadOnlyList<SortSpec> keys, long? limit = null) : IBatchOperator
{
    public IReadOnlyList<SqlType> OutputTypes => input.OutputTypes;

    public IEnumerable<Batch> Execute()
    {
        var parts = input.Execute().ToList();
        if (parts.Count == 0) yield break;
        var all = Batch.Concat(input.OutputTypes, parts);
        var keyVectors = keys.Select(k => k.Key(all)).ToArray();
        var comparer = new RowOrder(keyVectors, keys);
        int n = all.RowCount;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (limit is long top && top < n / 8)
        {
            // Top-N: keep the best `top` rows in a heap ordered by the reverse comparison.
            var heap = new PriorityQueue<int, int>(Comparer<int>.Create((a, b) => comparer.Compare(b, a)));
            for (int i = 0; i < n; i++)
            {
                if (heap.Count < top) heap.Enqueue(i, i);
                else if (top > 0 && comparer.Compare(i, heap.Peek()) < 0) { heap.Dequeue(); heap.Enqueue(i, i); }
            }
            order = new int[heap.Count];
            for (int i = order.Length - 1; i >= 0; i--) order[i] = heap.Dequeue();
        }
        else
        {
            Array.Sort(order, comparer);
            if (limit is long l && l < n) order = order[..(int)l];
        }
        yield return all.Gather(order);
    }

    /// <summary>Compares rows by the keys, breaking ties by input position so the sort is stable.</summary>
    private sealed class RowOrder(Vector[] keys, IReadOnlyList<SortSpec> specs) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            for (int k = 0; k < keys.Length; k++)
            {
                var v = keys[k];
                bool an = v.IsNull(a), bn = v.IsNull(b);
                int c;
                if (an || bn)
                {
                    if (an && bn) continue;
                    // NULL placement is independent of the direction.
                    c = an == specs[k].NullsFirst ? -1 : 1;
                    return c;
                }
                c = RowComparer.CompareValues(v, a, v, b);
                if (c != 0) return specs[k].Descending ? -c : c;
            }
            return a.CompareTo(b);
        }
    }
}
