using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Window;

/// <summary>row_number, rank, dense_rank, percent_rank, cume_dist and ntile: positions within the partition and
/// its peer groups; frames do not apply.</summary>
internal static class RankingFunctions
{
    public static Vector Evaluate(WindowFunction function, WindowRows rows, Vector? buckets)
    {
        int n = rows.Count;
        switch (function)
        {
            case WindowFunction.PercentRank:
            case WindowFunction.CumeDist:
            {
                var values = new double[n];
                for (int i = 0; i < n; i++)
                {
                    int ps = rows.PartitionStart[i], size = rows.PartitionEnd[i] - ps;
                    values[i] = function == WindowFunction.CumeDist
                        ? (double)(rows.PeerEnd[i] - ps) / size
                        : size > 1 ? (double)(rows.PeerStart[i] - ps) / (size - 1) : 0;
                }
                return new Vector(SqlType.Double, values, null);
            }
            case WindowFunction.Ntile:
                return Ntile(rows, buckets!);
            default:
            {
                var values = new long[n];
                long dense = 0;
                for (int i = 0; i < n; i++)
                {
                    int ps = rows.PartitionStart[i];
                    if (i == ps) dense = 1;
                    else if (rows.PeerStart[i] == i) dense++;
                    values[i] = function switch
                    {
                        WindowFunction.RowNumber => i - ps + 1,
                        WindowFunction.Rank => rows.PeerStart[i] - ps + 1,
                        _ => dense,
                    };
                }
                return new Vector(SqlType.Int64, values, null);
            }
        }
    }

    /// <summary>DuckDB's split: the first (rows mod buckets) buckets get one row more than the others.</summary>
    private static Vector Ntile(WindowRows rows, Vector buckets)
    {
        int n = rows.Count;
        var values = new long[n];
        bool[]? nulls = null;
        for (int i = 0; i < n; i++)
        {
            if (buckets.IsNull(i)) { (nulls ??= new bool[n])[i] = true; continue; }
            long b = buckets.Longs[i];
            if (b <= 0) throw new SqlExecutionException($"ntile() needs a positive number of buckets but got {b}");
            long total = rows.PartitionEnd[i] - rows.PartitionStart[i];
            long row = i - rows.PartitionStart[i];
            b = Math.Min(b, total);
            long size = total / b;
            long large = total - b * size;
            long smallStart = large * (size + 1);
            values[i] = row < smallStart ? 1 + row / (size + 1) : 1 + large + (row - smallStart) / size;
        }
        return new Vector(SqlType.Int64, values, nulls);
    }
}
