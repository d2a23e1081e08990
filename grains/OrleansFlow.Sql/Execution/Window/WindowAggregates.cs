using OrleansFlow.Sql.Execution.Expressions;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Window;

/// <summary>
/// Aggregates over each row's frame. Counts and exact sums (integers in 128 bits, decimals) come from prefix sums;
/// double sums, min, max and the variances from a segment tree, so a moving frame costs O(log n) per row and a
/// double sum is never a difference of two large running totals.
/// </summary>
internal static class WindowAggregates
{
    public static Vector Evaluate(WindowFunctionCall call, FrameBounds frames, Vector? arg, int n)
    {
        var start = frames.Start;
        var end = frames.End;
        if (call.Function == WindowFunction.CountStar)
        {
            var counts = new long[n];
            for (int i = 0; i < n; i++) counts[i] = end[i] - start[i];
            return new Vector(SqlType.Int64, counts, null);
        }
        var x = arg!;
        var present = PrefixCounts(x);
        switch (call.Function)
        {
            case WindowFunction.Count:
            {
                var counts = new long[n];
                for (int i = 0; i < n; i++) counts[i] = present[end[i]] - present[start[i]];
                return new Vector(SqlType.Int64, counts, null);
            }
            case WindowFunction.Min:
            case WindowFunction.Max:
                return MinMax(x, call.Function == WindowFunction.Max, start, end);
            case WindowFunction.Sum:
            case WindowFunction.Avg:
                return x.Type.Storage switch
                {
                    StorageKind.Long => IntegerSum(call, x, present, start, end),
                    StorageKind.Decimal => DecimalSum(call, x, present, start, end),
                    _ => DoubleSum(call, x, present, start, end),
                };
            default:
                return Variance(call.Function, x, start, end);
        }
    }

    /// <summary>present[k] = number of non-NULL values among rows [0, k).</summary>
    private static int[] PrefixCounts(Vector x)
    {
        var present = new int[x.Length + 1];
        for (int i = 0; i < x.Length; i++) present[i + 1] = present[i] + (x.IsNull(i) ? 0 : 1);
        return present;
    }

    private static Vector IntegerSum(WindowFunctionCall call, Vector x, int[] present, int[] start, int[] end)
    {
        int n = start.Length;
        var prefix = new Int128[x.Length + 1];
        for (int i = 0; i < x.Length; i++) prefix[i + 1] = prefix[i] + (x.IsNull(i) ? 0 : x.Longs[i]);
        var nulls = new bool[n];
        if (call.Function == WindowFunction.Avg)
        {
            var avg = new double[n];
            for (int i = 0; i < n; i++)
            {
                long count = present[end[i]] - present[start[i]];
                if (count == 0) nulls[i] = true;
                else avg[i] = (double)(prefix[end[i]] - prefix[start[i]]) / count;
            }
            return new Vector(SqlType.Double, avg, nulls);
        }
        var sums = new long[n];
        for (int i = 0; i < n; i++)
        {
            if (present[end[i]] == present[start[i]]) { nulls[i] = true; continue; }
            var total = prefix[end[i]] - prefix[start[i]];
            if (total < long.MinValue || total > long.MaxValue)
                throw new SqlExecutionException($"integer overflow in sum of {call.Type}: the total {total} does not fit (DuckDB returns a 128-bit HUGEINT here; this engine has none)");
            sums[i] = (long)total;
        }
        return new Vector(call.Type, sums, nulls);
    }

    private static Vector DecimalSum(WindowFunctionCall call, Vector x, int[] present, int[] start, int[] end)
    {
        int n = start.Length;
        var values = x.Decimals;
        var prefix = new decimal[x.Length + 1];
        try
        {
            for (int i = 0; i < x.Length; i++) prefix[i + 1] = prefix[i] + (x.IsNull(i) ? 0m : values[i]);
        }
        catch (OverflowException)
        {
            throw new SqlExecutionException($"decimal overflow in {WindowFunctionCall.NameOf(call.Function)}() over a window of {x.Type}: a running total exceeds 28 digits");
        }
        var nulls = new bool[n];
        if (call.Function == WindowFunction.Avg)
        {
            var avg = new double[n];
            for (int i = 0; i < n; i++)
            {
                long count = present[end[i]] - present[start[i]];
                if (count == 0) nulls[i] = true;
                else avg[i] = (double)((prefix[end[i]] - prefix[start[i]]) / count);
            }
            return new Vector(SqlType.Double, avg, nulls);
        }
        var sums = new decimal[n];
        for (int i = 0; i < n; i++)
        {
            if (present[end[i]] == present[start[i]]) nulls[i] = true;
            else sums[i] = prefix[end[i]] - prefix[start[i]];
        }
        return new Vector(call.Type, sums, nulls);
    }

    private static Vector DoubleSum(WindowFunctionCall call, Vector x, int[] present, int[] start, int[] end)
    {
        int n = start.Length;
        var leaves = new double[x.Length];
        for (int i = 0; i < x.Length; i++) leaves[i] = x.IsNull(i) ? 0 : x.Doubles[i];
        var tree = new SegmentTree<double>(leaves, static (a, b) => a + b, 0);
        var values = new double[n];
        var nulls = new bool[n];
        for (int i = 0; i < n; i++)
        {
            long count = present[end[i]] - present[start[i]];
            if (count == 0) { nulls[i] = true; continue; }
            double sum = tree.Query(start[i], end[i]);
            values[i] = call.Function == WindowFunction.Avg ? sum / count : sum;
        }
        return new Vector(SqlType.Double, values, nulls);
    }

    /// <summary>The tree holds the row of the smallest (largest) non-NULL value of each range, -1 for none.</summary>
    private static Vector MinMax(Vector x, bool max, int[] start, int[] end)
    {
        var leaves = new int[x.Length];
        for (int i = 0; i < x.Length; i++) leaves[i] = x.IsNull(i) ? -1 : i;
        var tree = new SegmentTree<int>(leaves, (a, b) =>
        {
            if (a < 0) return b;
            if (b < 0) return a;
            int c = RowComparer.CompareValues(x, a, x, b);
            return (max ? c >= 0 : c <= 0) ? a : b;
        }, -1);
        var pick = new int[start.Length];
        for (int i = 0; i < pick.Length; i++) pick[i] = tree.Query(start[i], end[i]);
        return x.Gather(pick);
    }

    /// <summary>Count, mean and sum of squared deviations of a range; two ranges merge exactly (Chan et al.).</summary>
    private readonly record struct Moments(long Count, double Mean, double M2)
    {
        public static Moments Merge(Moments a, Moments b)
        {
            if (a.Count == 0) return b;
            if (b.Count == 0) return a;
            long count = a.Count + b.Count;
            double delta = b.Mean - a.Mean;
            return new Moments(count, a.Mean + delta * b.Count / count, a.M2 + b.M2 + delta * delta * a.Count * b.Count / count);
        }
    }

    private static Vector Variance(WindowFunction function, Vector x, int[] start, int[] end)
    {
        var leaves = new Moments[x.Length];
        for (int i = 0; i < x.Length; i++) leaves[i] = x.IsNull(i) ? default : new Moments(1, AsDouble(x, i), 0);
        var tree = new SegmentTree<Moments>(leaves, Moments.Merge, default);
        bool sample = function is WindowFunction.StddevSamp or WindowFunction.VarSamp;
        bool root = function is WindowFunction.StddevSamp or WindowFunction.StddevPop;
        var values = new double[start.Length];
        var nulls = new bool[start.Length];
        for (int i = 0; i < values.Length; i++)
        {
            var m = tree.Query(start[i], end[i]);
            long divisor = sample ? m.Count - 1 : m.Count;
            if (divisor <= 0) { nulls[i] = true; continue; }
            double variance = m.M2 / divisor;
            values[i] = root ? Math.Sqrt(variance) : variance;
        }
        return new Vector(SqlType.Double, values, nulls);
    }

    private static double AsDouble(Vector x, int i) => x.Type.Storage switch
    {
        StorageKind.Long => x.Longs[i],
        StorageKind.Decimal => (double)x.Decimals[i],
        _ => x.Doubles[i],
    };
}
