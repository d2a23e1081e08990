using System.Text.RegularExpressions;

namespace OrleansFlow.Sql.Tests;

/// <summary>DuckDB does not read the TPC-DS interval spelling "+ 30 days"; give it "+ INTERVAL 30 DAY".</summary>
public static partial class DuckDbDialect
{
    public static string Translate(string sql) => DaysSpelling().Replace(sql, m => $"interval {m.Groups[1].Value} {m.Groups[2].Value}");

    [GeneratedRegex(@"\b(\d+)\s+(day|month|year)s\b", RegexOptions.IgnoreCase)]
    private static partial Regex DaysSpelling();
}
