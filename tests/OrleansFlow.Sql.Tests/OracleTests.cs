namespace OrleansFlow.Sql.Tests;

/// <summary>Each query runs on the engine and on DuckDB over the same Parquet files; results must agree.</summary>
public sealed class OracleTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    public static IEnumerable<object[]> Queries => OracleQueries.All.Select(q => new object[] { q.Sql, q.Ordered });

    [Theory]
    [MemberData(nameof(Queries))]
    public void Matches_duckdb(string sql, bool ordered)
    {
        var expected = db.Query(DuckDbDialect.Translate(sql));
        var actual = SqlEngine.Execute(sql, db.Catalog).Rows();
        ResultComparer.AssertSame(expected, actual, ordered, sql);
    }

    [Fact]
    public void Suite_is_large_enough() => Assert.True(OracleQueries.All.Count >= 100, $"only {OracleQueries.All.Count} oracle queries");
}
