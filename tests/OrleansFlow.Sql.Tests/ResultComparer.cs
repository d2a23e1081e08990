using System.Globalization;
using System.Numerics;

namespace OrleansFlow.Sql.Tests;

/// <summary>
/// Compares engine rows with DuckDB rows: exact numbers (integers, decimals) exactly, doubles within 1e-9
/// relative, dates as dates; row order only when the query orders.
/// </summary>
public static class ResultComparer
{
    public static void AssertSame(List<object?[]> expected, List<object?[]> actual, bool ordered, string sql)
    {
        var e = expected.Select(r => r.Select(Normalize).ToArray()).ToList();
        var a = actual.Select(r => r.Select(Normalize).ToArray()).ToList();
        if (!ordered)
        {
            e = e.OrderBy(Key, StringComparer.Ordinal).ToList();
            a = a.OrderBy(Key, StringComparer.Ordinal).ToList();
        }
        Assert.True(e.Count == a.Count, $"row count: DuckDB {e.Count}, engine {a.Count}\n{sql}\nDuckDB: {Show(e)}\nengine: {Show(a)}");
        for (int r = 0; r < e.Count; r++)
        {
            Assert.True(e[r].Length == a[r].Length, $"column count: DuckDB {e[r].Length}, engine {a[r].Length}\n{sql}");
            for (int c = 0; c < e[r].Length; c++)
            {
                Assert.True(ValuesMatch(e[r][c], a[r][c]),
                    $"row {r} column {c}: DuckDB {Text(e[r][c])}, engine {Text(a[r][c])}\n{sql}\nDuckDB: {Show(e)}\nengine: {Show(a)}");
            }
        }
    }

    private static string Show(List<object?[]> rows) =>
        string.Join(" | ", rows.Take(12).Select(r => string.Join(",", r.Select(Text)))) + (rows.Count > 12 ? " ..." : "");

    /// <summary>Numbers become decimal (exact) or double; dates DateOnly; others unchanged.</summary>
    public static object? Normalize(object? v) => v switch
    {
        null or DBNull => null,
        int or long or short or sbyte or byte or ushort or uint => Convert.ToDecimal(v, CultureInfo.InvariantCulture),
        ulong u => (decimal)u,
        BigInteger b => (decimal)b,
        decimal m => m,
        float f => (double)f,
        double d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => v,
    };

    private static bool ValuesMatch(object? e, object? a)
    {
        if (e is null || a is null) return e is null && a is null;
        if (e is decimal me && a is decimal ma) return me == ma;
        if (e is double or decimal && a is double or decimal)
        {
            double de = Convert.ToDouble(e, CultureInfo.InvariantCulture), da = Convert.ToDouble(a, CultureInfo.InvariantCulture);
            if (de.Equals(da)) return true;   // also infinities and NaN
            if (double.IsNaN(de) || double.IsNaN(da) || double.IsInfinity(de) || double.IsInfinity(da)) return false;
            return Math.Abs(de - da) <= 1e-9 * Math.Max(1.0, Math.Max(Math.Abs(de), Math.Abs(da)));
        }
        return Equals(e, a);
    }

    private static string Key(object?[] row) => string.Join("\u0001", row.Select(SortText));

    // Numbers sort by a rounded form so that tiny double differences do not reorder rows.
    private static string SortText(object? v) => v switch
    {
        null => "\u0000NULL",
        decimal m => ((double)m).ToString("E6", CultureInfo.InvariantCulture),
        double d => d.ToString("E6", CultureInfo.InvariantCulture),
        _ => Text(v),
    };

    private static string Text(object? v) => v switch
    {
        null => "NULL",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
