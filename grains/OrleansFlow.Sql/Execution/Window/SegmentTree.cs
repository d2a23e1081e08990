namespace OrleansFlow.Sql.Execution.Window;

/// <summary>
/// Combines any range of leaves in O(log n): window aggregates whose frames slide or grow (min, max, floating-point
/// sums, variances) are answered per row without re-reading the frame, and without subtracting from a running total,
/// which would lose precision for doubles and cannot undo a min or max.
/// </summary>
internal sealed class SegmentTree<T>
{
    private readonly T[] _nodes;
    private readonly int _n;
    private readonly Func<T, T, T> _combine;
    private readonly T _identity;

    public SegmentTree(T[] leaves, Func<T, T, T> combine, T identity)
    {
        _n = leaves.Length;
        _combine = combine;
        _identity = identity;
        _nodes = new T[2 * Math.Max(_n, 1)];
        Array.Copy(leaves, 0, _nodes, _n, _n);
        for (int i = _n - 1; i >= 1; i--) _nodes[i] = combine(_nodes[2 * i], _nodes[2 * i + 1]);
    }

    /// <summary>The combination of leaves [start, end), left to right; the identity when empty.</summary>
    public T Query(int start, int end)
    {
        T left = _identity, right = _identity;
        for (int l = start + _n, r = end + _n; l < r; l >>= 1, r >>= 1)
        {
            if ((l & 1) == 1) left = _combine(left, _nodes[l++]);
            if ((r & 1) == 1) right = _combine(_nodes[--r], right);
        }
        return _combine(left, right);
    }
}
