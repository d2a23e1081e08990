using System.Text.RegularExpressions;

namespace OrleansFlow.Sql.Tests;

/// <summary>DuckDB does not read the TPC-DS interval spelling "+ 30 days" nor "returns" as a name; rewrite both.</summary>
public static partial class DuckDbDialect
{
    public static string Translate(string sql) =>
        Returns().Replace(DaysSpelling().Replace(sql, m => $"interval {m.Groups[1].Value} {m.Groups[2].Value}"), "\"returns\"");

    // "returns" is a keyword in DuckDB; TPC-DS q77 uses it as a column alias.
    [GeneratedRegex(@"\breturns\b")]
    private static partial Regex Returns();

    [GeneratedRegex(@"\b(\d+)\s+(day|month|year)s\b", RegexOptions.IgnoreCase)]
    private static partial Regex DaysSpelling();
}
