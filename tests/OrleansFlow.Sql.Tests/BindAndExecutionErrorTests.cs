using OrleansFlow.Sql.Binding;

namespace OrleansFlow.Sql.Tests;

/// <summary>Queries that parse but name unknown things or mix types fail with a positioned SqlBindException.</summary>
public sealed class BindErrorTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Theory]
    [InlineData("select nope from t1", 1, 8, "column 'nope' does not exist")]
    [InlineData("select id from nope", 1, 16, "table 'nope' does not exist")]
    [InlineData("select id from t1, t2", 1, 8, "ambiguous")]
    [InlineData("select t9.id from t1", 1, 8, "table 't9' is not in FROM")]
    [InlineData("select id from t1 where g > 5", 1, 27, "cannot compare varchar with int")]
    [InlineData("select g, count(*) from t1", 1, 8, "must appear in GROUP BY")]
    [InlineData("select id from t1 where sum(x) > 1", 1, 25, "aggregates are not allowed in WHERE")]
    [InlineData("select nosuch(id) from t1", 1, 8, "unknown function nosuch()")]
    [InlineData("select id from t1 where x", 1, 25, "WHERE expects a boolean")]
    [InlineData("select id from t1 union select id, g from t1", 1, 19, "UNION operands have 1 and 2 columns")]
    [InlineData("select id from t1\norder by 5", 2, 10, "ORDER BY position 5 is not in the select list")]
    [InlineData("select cast(g as blob) from t1", 1, 18, "unknown type 'blob'")]
    [InlineData("select (select id, g from t1)", 1, 8, "must return exactly one column")]
    [InlineData("select sum(g) from t1", 1, 12, "sum() cannot add values of type varchar")]
    public void Reports_position(string sql, int line, int column, string fragment)
    {
        var error = Assert.Throws<SqlBindException>(() => SqlEngine.Plan(sql, db.Catalog));
        Assert.True((error.Line, error.Column) == (line, column), $"expected {line}:{column} but got {error.Message}");
        Assert.Contains(fragment, error.Message);
    }
}

/// <summary>Run-time errors are reported as SqlExecutionException with what went wrong.</summary>
public sealed class ExecutionErrorTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Theory]
    [InlineData("select x + 2147483647 from t1", "integer overflow")]
    [InlineData("select cast(g as int) from t1", "cannot cast 'g1' from varchar to int")]
    [InlineData("select (select id from t1)", "scalar subquery returned 200 rows")]
    public void Reports_the_problem(string sql, string fragment)
    {
        var error = Assert.Throws<OrleansFlow.Sql.Execution.SqlExecutionException>(() => SqlEngine.Execute(sql, db.Catalog));
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Cancelled_query_stops()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SqlEngine.Execute("select count(*) from t1", db.Catalog, cancelled.Token));
    }
}
