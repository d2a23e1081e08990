using OrleansFlow.Sql.Parsing;

namespace OrleansFlow.Sql.Tests;

/// <summary>
/// Malformed queries must fail with a SqlParseException at the right line:column. In each text '§' marks the
/// expected error position (it is removed before parsing); at the very end it means "end of query".
/// </summary>
public sealed class ParseErrorTests
{
    public static IEnumerable<object[]> Cases => Malformed.Select(s => new object[] { s });

    private static readonly string[] Malformed =
    [
        "SELECT a §FORM t",
        "SELECT §FROM t",
        "SELECT a, §FROM t",
        "SELECT a FROM§",
        "SELECT a FROM t WHERE§",
        "SELECT a FROM t WHERE x >§",
        "SELECT a FROM t GROUP §x",
        "SELECT a FROM t ORDER §a",
        "SELECT (a §FROM t",
        "SELECT a FROM t WHERE x IN §1, 2",
        "SELECT a FROM t WHERE x BETWEEN 1 §5",
        "SELECT CASE WHEN a THEN 1 §FROM t",
        "SELECT CASE §END FROM t",
        "SELECT CAST(a AS§) FROM t",
        "SELECT CAST(a §int) FROM t",
        "SELECT §'abc FROM t",
        "SELECT a FROM t WHERE b = §'x",
        "SELECT a FROM t §/* comment",
        "SELECT a §# b FROM t",
        "SELECT a FROM t LIMIT §x",
        "SELECT a FROM t LIMIT §1.5",
        "SELECT a FROM t JOIN u§",
        "SELECT a FROM t JOIN u ON§",
        "SELECT a FROM t LEFT §u ON t.a = u.a",
        "SELECT a FROM t CROSS §u",
        "SELECT a FROM t JOIN u USING §a",
        "SELECT a FROM (SELECT b FROM u)§",
        "SELECT a FROM t WHERE EXISTS §SELECT 1",
        "SELECT a FROM t UNION§",
        "SELECT a FROM t UNION ALL §FROM u",
        "WITH x AS §SELECT 1 SELECT * FROM x",
        "WITH x (§SELECT 1) SELECT * FROM x",
        "WITH §AS (SELECT 1) SELECT 1",
        "SELECT a FROM t ORDER BY a NULLS§",
        "SELECT a FROM t GROUP BY ROLLUP(a§",
        "SELECT a FROM t GROUP BY GROUPING SETS (a, (b, c)§",
        "SELECT a FROM t WHERE a IS §1",
        "SELECT a FROM t WHERE a IS NOT §TRUE",
        "SELECT a FROM t WHERE a §NOT = 1",
        "SELECT a FROM t WHERE a LIKE§",
        "SELECT a + §FROM t",
        "SELECT * FROM t WHERE (a = 1§",
        "SELECT a FROM t§)",
        "SELECT a FROM t WHERE d > DATE §'2000-13-45'",
        "SELECT DATE '2000-01-01' + INTERVAL §'x' DAY",
        "SELECT DATE '2000-01-01' + INTERVAL 3 §WEEK",
        "SELECT DATE '2000-01-01' + INTERVAL §DAY",
        "SELECT EXTRACT(§WEEK FROM d) FROM t",
        "SELECT EXTRACT(YEAR §d) FROM t",
        "SELECT SUBSTRING(s FROM 1 FOR§) FROM t",
        "SELECT count(* §FROM t",
        "SELECT a FROM t WHERE a = 1 AND§",
        "SELECT §1e+",
        "SELECT §12abc FROM t",
        "SELECT a\nFROM t\nWHERE\n  x = 1\n  AND y = §)",
        "SELECT a,\n       b\nFROM t\nWHERE c §FROM u",
        "SELECT §\"unterminated FROM t",
        "SELECT a FROM t WHERE x IN (§)",
        "SELECT a FROM t OFFSET §-1",
        "SELECT a FROM t GROUP BY CUBE(§)",
        "SELECT a FROM t WHERE a = ANY (§SELECT 1)",
        "SELECT sum(x) OVER §w FROM t",
        "SELECT sum(x) OVER (PARTITION §x) FROM t",
        "SELECT sum(x) OVER (ORDER BY x ROWS 5 §) FROM t",
        "SELECT sum(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING §1 FOLLOWING) FROM t",
        "SELECT sum(x) OVER (ORDER BY x RANGE BETWEEN §x PRECEDING AND CURRENT ROW) FROM t",
        "SELECT sum(x) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED §ROW AND CURRENT ROW) FROM t",
        "SELECT sum(x) OVER (ORDER BY x §y) FROM t",
        "SELECT sum(x) OVER (ORDER BY x §GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t",
        "SELECT a FROM t1 §WEHRE x > 1",
        "SELECT a FROM t ORDER BY a, §",
        "SELECT a FROM t1, §, t2",
    ];

    [Fact]
    public void Suite_is_large_enough() => Assert.True(Malformed.Length >= 50);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_line_and_column(string marked)
    {
        int at = marked.IndexOf('§');
        string sql = marked.Remove(at, 1);
        int line = 1 + marked[..at].Count(c => c == '\n');
        int column = at - (marked.LastIndexOf('\n', Math.Max(at - 1, 0)) is var nl && nl >= 0 && nl < at ? nl + 1 : 0) + 1;
        var error = Assert.Throws<SqlParseException>(() => SqlParser.Parse(sql));
        Assert.True((error.Line, error.Column) == (line, column),
            $"expected {line}:{column} but got {error.Message}\n{sql}");
        Assert.StartsWith($"{line}:{column}: ", error.Message);
    }

    [Theory]
    [InlineData("SELECT a FORM t", "1:10: expected FROM but found 'FORM'")]
    [InlineData("SELECT a FROM t GROUP x", "1:23: expected BY but found 'x'")]
    [InlineData("SELECT a FROM", "1:14: expected a table name but found end of query")]
    [InlineData("SELECT 'abc", "1:8: unterminated string literal")]
    [InlineData("SELECT a FROM t JOIN u", "1:23: expected ON or USING after JOIN but found end of query")]
    public void Message_says_what_was_expected_and_what_was_found(string sql, string message)
    {
        var error = Assert.Throws<SqlParseException>(() => SqlParser.Parse(sql));
        Assert.Equal(message, error.Message);
    }
}
