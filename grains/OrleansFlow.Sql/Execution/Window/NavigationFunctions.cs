using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Window;

/// <summary>
/// lag and lead (a row a given distance away inside the partition, else the default) and first_value, last_value
/// and nth_value (a row of the frame, else NULL). NULL values are returned as they are (RESPECT NULLS).
/// </summary>
internal static class NavigationFunctions
{
    /// <summary>Marks a row that takes the default instead of another row's value.</summary>
    private const int UseDefault = -2;

    public static Vector Evaluate(WindowFunction function, WindowRows rows, FrameBounds? frames, IReadOnlyList<Vector> args)
    {
        int n = rows.Count;
        var value = args[0];
        var pick = new int[n];
        for (int i = 0; i < n; i++)
        {
            pick[i] = function switch
            {
                WindowFunction.Lag or WindowFunction.Lead => Offset(function, rows, i, args[1]),
                WindowFunction.FirstValue => frames!.Start[i] < frames.End[i] ? frames.Start[i] : -1,
                WindowFunction.LastValue => frames!.Start[i] < frames.End[i] ? frames.End[i] - 1 : -1,
                _ => Nth(frames!, i, args[1]),
            };
        }
        var gather = pick.Select(p => p < 0 ? -1 : p).ToArray();
        var result = value.Gather(gather);
        if (function is WindowFunction.Lag or WindowFunction.Lead)
        {
            var fallback = args[2];
            for (int i = 0; i < n; i++)
                if (pick[i] == UseDefault) SetFrom(result, i, fallback, i);
        }
        return result;
    }

    private static int Offset(WindowFunction function, WindowRows rows, int i, Vector offsets)
    {
        if (offsets.IsNull(i)) return -1;
        // Distances are cut to the int range first, so lag(x, -9223372036854775808) cannot wrap around.
        long distance = Math.Clamp(offsets.Longs[i], -(long)int.MaxValue, int.MaxValue);
        long target = function == WindowFunction.Lag ? i - distance : i + distance;
        return target >= rows.PartitionStart[i] && target < rows.PartitionEnd[i] ? (int)target : UseDefault;
    }

    private static int Nth(FrameBounds frames, int i, Vector positions)
    {
        if (positions.IsNull(i)) return -1;
        long k = positions.Longs[i];
        if (k <= 0) throw new SqlExecutionException($"nth_value() needs a position of at least 1 but got {k}");
        return k <= frames.End[i] - frames.Start[i] ? (int)(frames.Start[i] + k - 1) : -1;
    }

    private static void SetFrom(Vector target, int row, Vector source, int sourceRow)
    {
        if (source.IsNull(sourceRow))
        {
            target.SetNull(row);
            return;
        }
        target.CopyFrom(source, sourceRow, row);
        if (target.Nulls is { } nulls) nulls[row] = false;
    }
}
