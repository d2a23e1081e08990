using OrleansFlow.Sql.Execution.Expressions;
using OrleansFlow.Sql.Execution.Operators;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Window;

/// <summary>
/// The rows of a window operator's input sorted by partition keys then order keys, and for every sorted row the
/// bounds of its partition and of its peer group (rows equal on all order keys; the whole partition when the
/// window has no ORDER BY). Bounds are half-open [start, end) positions in the sorted rows.
/// </summary>
internal sealed class WindowRows
{
    public Batch Sorted { get; }
    public int Count => Sorted.RowCount;
    public int[] PartitionStart { get; }
    public int[] PartitionEnd { get; }
    public int[] PeerStart { get; }
    public int[] PeerEnd { get; }

    private WindowRows(Batch sorted, int[] partitionStart, int[] partitionEnd, int[] peerStart, int[] peerEnd)
    {
        Sorted = sorted;
        PartitionStart = partitionStart;
        PartitionEnd = partitionEnd;
        PeerStart = peerStart;
        PeerEnd = peerEnd;
    }

    public static WindowRows Sort(Batch all, IReadOnlyList<Func<Batch, Vector>> partitionKeys, IReadOnlyList<SortSpec> orderKeys)
    {
        int n = all.RowCount;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (partitionKeys.Count + orderKeys.Count > 0)
        {
            // Partitions only need to be contiguous; ascending NULLS LAST is as good an order as any.
            var specs = partitionKeys.Select(k => new SortSpec(k, false, false)).Concat(orderKeys).ToList();
            var keys = specs.Select(s => s.Key(all)).ToArray();
            Array.Sort(order, new KeyOrder(keys, specs));
        }
        var sorted = all.Gather(order);
        var partitionVectors = partitionKeys.Select(k => k(sorted)).ToArray();
        var orderVectors = orderKeys.Select(k => k.Key(sorted)).ToArray();

        var partitionStart = new int[n];
        var partitionEnd = new int[n];
        var peerStart = new int[n];
        var peerEnd = new int[n];
        int ps = 0, peer = 0;
        for (int i = 1; i <= n; i++)
        {
            bool newPartition = i == n || !SameKeys(partitionVectors, i - 1, i);
            if (newPartition || !SameKeys(orderVectors, i - 1, i))
            {
                for (int j = peer; j < i; j++) { peerStart[j] = peer; peerEnd[j] = i; }
                peer = i;
            }
            if (newPartition)
            {
                for (int j = ps; j < i; j++) { partitionStart[j] = ps; partitionEnd[j] = i; }
                ps = i;
            }
        }
        return new WindowRows(sorted, partitionStart, partitionEnd, peerStart, peerEnd);
    }

    /// <summary>Equal on every key, a NULL being equal to a NULL (NULLs form one partition and one peer group).</summary>
    private static bool SameKeys(Vector[] keys, int a, int b)
    {
        foreach (var v in keys)
        {
            bool an = v.IsNull(a), bn = v.IsNull(b);
            if (an != bn) return false;
            if (!an && !RowComparer.ValuesEqual(v, a, v, b)) return false;
        }
        return true;
    }

    /// <summary>Compares rows by the keys, ties broken by input position so equal inputs sort the same way every run.</summary>
    private sealed class KeyOrder(Vector[] keys, IReadOnlyList<SortSpec> specs) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            for (int k = 0; k < keys.Length; k++)
            {
                var v = keys[k];
                bool an = v.IsNull(a), bn = v.IsNull(b);
                if (an || bn)
                {
                    if (an && bn) continue;
                    return an == specs[k].NullsFirst ? -1 : 1;
                }
                int c = RowComparer.CompareValues(v, a, v, b);
                if (c != 0) return specs[k].Descending ? -c : c;
            }
            return a.CompareTo(b);
        }
    }
}
