using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Hashing;

/// <summary>
/// The set of a join's build-side keys as a range and, when the range is small, a bitmap: probe rows whose
/// key falls outside can be dropped before they are hashed and looked up. Built for single integer keys only
/// (surrogate keys, dates), where a selective dimension (30 days of date_dim, say) leaves most fact rows
/// without a partner.
/// </summary>
internal sealed class JoinKeyFilter
{
    private const long MaxBitmapRange = 1 << 22;

    private readonly long _min;
    private readonly long _max;
    private readonly ulong[]? _bitmap;

    private JoinKeyFilter(long min, long max, ulong[]? bitmap)
    {
        _min = min;
        _max = max;
        _bitmap = bitmap;
    }

    /// <summary>The filter of <paramref name="keys"/>, or null when there is nothing to filter on.</summary>
    public static JoinKeyFilter? TryBuild(Vector[] keys, int rows)
    {
        if (keys.Length != 1 || keys[0].Type.Storage != StorageKind.Long) return null;
        var key = keys[0];
        long min = long.MaxValue, max = long.MinValue;
        for (int r = 0; r < rows; r++)
        {
            if (key.IsNull(r)) continue;
            long v = key.Longs[r];
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (min > max) return new JoinKeyFilter(1, 0, null); // no non-NULL key: nothing can match
        ulong[]? bitmap = null;
        if ((ulong)(max - min) < MaxBitmapRange)
        {
            bitmap = new ulong[(int)((max - min) >> 6) + 1];
            for (int r = 0; r < rows; r++)
            {
                if (key.IsNull(r)) continue;
                long offset = key.Longs[r] - min;
                bitmap[offset >> 6] |= 1UL << (int)(offset & 63);
            }
        }
        return new JoinKeyFilter(min, max, bitmap);
    }

    /// <summary>Rows of <paramref name="probeKey"/> that may have a partner (non-NULL, in the set); count in the result length.</summary>
    public int[] MayMatch(Vector probeKey, int rows)
    {
        var selected = new List<int>();
        var values = probeKey.Longs;
        var nulls = probeKey.Nulls;
        for (int r = 0; r < rows; r++)
        {
            if (nulls is not null && nulls[r]) continue;
            long v = values[r];
            if (v < _min || v > _max) continue;
            if (_bitmap is not null)
            {
                long offset = v - _min;
                if ((_bitmap[offset >> 6] & (1UL << (int)(offset & 63))) == 0) continue;
            }
            selected.Add(r);
        }
        return selected.ToArray();
    }
}
