using OrleansFlow.Sql.Execution.Operators;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Window;

/// <summary>
/// The frame of every sorted row as half-open positions [Start, End) inside its partition (empty when Start ≥ End).
/// Computed once per distinct frame of a window and shared by the functions that use it.
/// </summary>
internal sealed class FrameBounds
{
    public int[] Start { get; }
    public int[] End { get; }

    private FrameBounds(int[] start, int[] end)
    {
        Start = start;
        End = end;
    }

    /// <param name="orderKey">The single ORDER BY key (sorted rows), needed only for RANGE frames with an offset.</param>
    public static FrameBounds Compute(WindowFrame frame, WindowRows rows, Vector? orderKey, SortSpec? orderSpec)
    {
        int n = rows.Count;
        var start = new int[n];
        var end = new int[n];
        for (int i = 0; i < n; i++)
        {
            int ps = rows.PartitionStart[i], pe = rows.PartitionEnd[i];
            long s, e;
            if (frame.Unit == FrameUnit.Rows)
            {
                s = RowsBound(frame.Start, i, ps, pe);
                e = RowsBound(frame.End, i, ps, pe) + 1;
            }
            else
            {
                s = RangeBound(frame.Start, isStart: true, i, rows, orderKey, orderSpec);
                e = RangeBound(frame.End, isStart: false, i, rows, orderKey, orderSpec);
            }
            s = Math.Clamp(s, ps, pe);
            e = Math.Clamp(e, ps, pe);
            start[i] = (int)s;
            end[i] = (int)Math.Max(s, e);
        }
        return new FrameBounds(start, end);
    }

    // Offsets beyond any partition size are cut to int.MaxValue first, so "9223372036854775807 FOLLOWING" cannot wrap.
    private static long RowsBound(FrameBound b, int i, int ps, int pe) => b.Kind switch
    {
        FrameBoundKind.UnboundedPreceding => ps,
        FrameBoundKind.Preceding => (long)i - Math.Min(b.Offset, int.MaxValue),
        FrameBoundKind.CurrentRow => i,
        FrameBoundKind.Following => (long)i + Math.Min(b.Offset, int.MaxValue),
        _ => pe - 1,
    };

    /// <summary>A start position, or an exclusive end position, of a RANGE frame.</summary>
    private static long RangeBound(FrameBound b, bool isStart, int i, WindowRows rows, Vector? key, SortSpec? spec)
    {
        switch (b.Kind)
        {
            case FrameBoundKind.UnboundedPreceding: return rows.PartitionStart[i];
            case FrameBoundKind.UnboundedFollowing: return rows.PartitionEnd[i];
            case FrameBoundKind.CurrentRow: return isStart ? rows.PeerStart[i] : rows.PeerEnd[i];
        }
        // A NULL order key has no distance to anything: its frame is its peers (the other NULLs).
        if (key!.IsNull(i)) return isStart ? rows.PeerStart[i] : rows.PeerEnd[i];
        bool descending = spec!.Descending;
        // PRECEDING goes towards the start of the sort order: smaller values ascending, larger ones descending.
        bool towardsStart = b.Kind == FrameBoundKind.Preceding;
        bool subtract = towardsStart != descending;
        var (lo, hi) = NonNullRange(rows, key, i, spec.NullsFirst);
        var target = new RangeTarget(key, i, subtract ? -b.Offset : b.Offset);
        int sign = descending ? -1 : 1;
        // Start: the first row not before the target in sort order; end: the first row after it.
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            int c = sign * target.Compare(mid);
            if (isStart ? c < 0 : c <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The rows of i's partition whose order key is not NULL (NULLs sort together at one end).</summary>
    private static (int Lo, int Hi) NonNullRange(WindowRows rows, Vector key, int i, bool nullsFirst)
    {
        int lo = rows.PartitionStart[i], hi = rows.PartitionEnd[i];
        if (nullsFirst)
        {
            int peerOfFirst = rows.PeerEnd[lo];
            if (key.IsNull(lo)) lo = peerOfFirst;
        }
        else if (key.IsNull(hi - 1)) hi = rows.PeerStart[hi - 1];
        return (lo, hi);
    }

    /// <summary>The order key of row i moved by a signed offset, compared with other rows' keys without overflow.</summary>
    private readonly struct RangeTarget(Vector key, int i, long offset)
    {
        private readonly decimal _exact = key.Type.Storage switch
        {
            StorageKind.Long => key.Longs[i] + (decimal)offset,
            StorageKind.Decimal => SaturatingAdd(key.Decimals[i], offset),
            _ => 0m,
        };
        private readonly double _double = key.Type.Storage == StorageKind.Double ? key.Doubles[i] + offset : 0;

        /// <summary>Sign of (key of row j) − target.</summary>
        public int Compare(int j) => key.Type.Storage switch
        {
            StorageKind.Long => ((decimal)key.Longs[j]).CompareTo(_exact),
            StorageKind.Decimal => key.Decimals[j].CompareTo(_exact),
            _ => key.Doubles[j].CompareTo(_double),
        };

        private static decimal SaturatingAdd(decimal value, long offset)
        {
            try { return value + offset; }
            catch (OverflowException) { return offset < 0 ? decimal.MinValue : decimal.MaxValue; }
        }
    }
}
