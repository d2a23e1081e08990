using DuckDB.NET.Data;
using OrleansFlow.Sql.Execution;
using OrleansFlow.Sql.Physical;

namespace OrleansFlow.Sql.Tests;

/// <summary>
/// int and bigint + - * % unary minus, abs() and sum() at their boundaries, on DuckDB and on the engine over the
/// same Parquet rows: where DuckDB raises "Out of Range Error: Overflow ..." the engine raises an
/// SqlExecutionException naming the operation and the type; where DuckDB returns a value the engine returns it.
/// Each case runs on columns (the vectorised kernels) and on constants (constant folding).
/// </summary>
public sealed class IntegerOverflowTests(EdgeCaseDatabase db) : IClassFixture<EdgeCaseDatabase>
{
    private const string IntHint = "; cast an operand to bigint";

    public static TheoryData<string, int, string?> Binary => new()
    {
        { "a32 + b32", 1, "integer overflow in addition of int (2147483647 + 1)" + IntHint },
        { "a64 + b64", 1, "integer overflow in addition of bigint (9223372036854775807 + 1)" },
        { "a32 + b32", 3, null },
        { "a64 + b64", 3, null },
        { "a32 + b32", 4, "integer overflow in addition of int (-2147483648 + -1)" + IntHint },
        { "a64 + b64", 4, "integer overflow in addition of bigint (-9223372036854775808 + -1)" },
        { "a32 + b32", 10, null },
        { "a64 + b64", 10, null },
        { "a32 + a64", 1, "integer overflow in addition of bigint (2147483647 + 9223372036854775807)" },
        { "a32 + a64", 7, null },
        { "a32 - b32", 2, "integer overflow in subtraction of int (-2147483648 - 1)" + IntHint },
        { "a64 - b64", 2, "integer overflow in subtraction of bigint (-9223372036854775808 - 1)" },
        { "a32 - b32", 4, null },
        { "a64 - b64", 4, null },
        { "a32 - b32", 7, null },
        { "a64 - b64", 7, null },
        { "a32 - b32", 8, "integer overflow in subtraction of int (0 - -2147483648)" + IntHint },
        { "a64 - b64", 8, "integer overflow in subtraction of bigint (0 - -9223372036854775808)" },
        { "a32 - b32", 10, "integer overflow in subtraction of int (2147483647 - -1)" + IntHint },
        { "a64 - b64", 10, "integer overflow in subtraction of bigint (9223372036854775807 - -1)" },
        { "a32 * b32", 4, "integer overflow in multiplication of int (-2147483648 * -1)" + IntHint },
        { "a64 * b64", 4, "integer overflow in multiplication of bigint (-9223372036854775808 * -1)" },
        { "a32 * b32", 5, "integer overflow in multiplication of int (65536 * 32768)" + IntHint },
        { "a64 * b64", 5, "integer overflow in multiplication of bigint (4294967296 * 2147483648)" },
        { "a32 * b32", 6, null },
        { "a64 * b64", 6, null },
        { "a32 * b32", 10, null },
        { "a64 * b64", 10, null },
        { "a64 * b64", 7, "integer overflow in multiplication of bigint (-1 * -9223372036854775808)" },
        { "a32 * b32", 7, "integer overflow in multiplication of int (-1 * -2147483648)" + IntHint },
        { "a32 % b32", 4, "integer overflow in modulo of int (-2147483648 % -1)" + IntHint },
        { "a64 % b64", 4, "integer overflow in modulo of bigint (-9223372036854775808 % -1)" },
        { "a64 % b64", 10, null },
        { "a64 % b64", 7, null },
        { "-a32", 2, "integer overflow in negation of int (-(-2147483648))" + IntHint },
        { "-a64", 2, "integer overflow in negation of bigint (-(-9223372036854775808))" },
        { "-a32", 1, null },
        { "-a64", 1, null },
        { "abs(a32)", 2, "integer overflow in abs of int (abs(-2147483648))" },
        { "abs(a64)", 2, "integer overflow in abs of bigint (abs(-9223372036854775808))" },
        { "abs(a64)", 10, null },
        { "a64 + b64", 9, null },
        { "a32 * b32", 9, null },
    };

    [Theory]
    [MemberData(nameof(Binary))]
    public void Column_arithmetic_matches_duckdb(string expr, int id, string? error)
    {
        string sql = $"select {expr} from pairs where id = {id}";
        Check(sql, error, () => SqlEngine.Execute(sql, db.Catalog).Rows());
        Check(sql, error, () => SqlEngine.ExecuteStaged(sql, db.Catalog, new PhysicalOptions(Partitions: 2)).Rows());
    }

    [Theory]
    [MemberData(nameof(Binary))]
    public void Constant_arithmetic_matches_duckdb(string expr, int id, string? error)
    {
        // The same values as literals: constant folding meets them at plan time.
        var row = db.Query($"select a32, b32, a64, b64 from pairs where id = {id}")[0];
        string Literal(int column, string type) => row[column] is null ? $"cast(null as {type})" : $"cast({row[column]} as {type})";
        string sql = "select " + expr.Replace("a32", Literal(0, "int")).Replace("b32", Literal(1, "int"))
            .Replace("a64", Literal(2, "bigint")).Replace("b64", Literal(3, "bigint"));
        Check(sql, error, () => SqlEngine.Execute(sql, db.Catalog).Rows());
    }

    [Fact]
    public void An_overflow_in_a_row_that_does_not_need_the_value_is_no_error()
    {
        // DuckDB evaluates a CASE branch, and in a filter the right side of AND/OR, only for the rows that need them.
        foreach (var sql in new[]
        {
            "select id, case when a64 < 3 then a64 * 4611686018427387904 else 0 end from pairs where id in (3, 6, 7, 8)",
            "select id from pairs where a64 between 0 and 5 and a64 * a64 >= 0 or id = 1",
            "select id from pairs where a32 between 0 and 50000 and a32 * a32 > 0",
            "select id from pairs where a32 > 50000 or a32 < 0 or a32 * a32 > 0",
            "select id, case when a32 > 50000 then 0 when a32 * a32 > 0 then 1 end from pairs where id in (1, 3, 6, 10)",
        })
        {
            ResultComparer.AssertSame(db.Query(sql), SqlEngine.Execute(sql, db.Catalog).Rows(), false, sql);
        }
        // A row that needs the value still fails; and in a select list DuckDB evaluates both sides of AND/OR.
        foreach (var (sql, error) in new[]
        {
            ("select id, case when a64 > 0 then a64 * 2 else 0 end from pairs", "integer overflow in multiplication of bigint (9223372036854775807 * 2)"),
            ("select id, a32 < 50000 and a32 * a32 > 0 from pairs where id in (1, 3, 6, 10)", "integer overflow in multiplication of int (2147483647 * 2147483647); cast an operand to bigint"),
            ("select id, a32 > 50000 or a32 * a32 > 0 from pairs where id in (1, 3, 6, 10)", "integer overflow in multiplication of int (2147483647 * 2147483647); cast an operand to bigint"),
        })
        {
            Assert.Contains("Out of Range Error: Overflow in multiplication", Assert.Throws<DuckDBException>(() => db.Query(sql)).Message);
            Assert.Equal(error, Assert.Throws<SqlExecutionException>(() => SqlEngine.Execute(sql, db.Catalog)).Message);
        }
    }

    [Theory]
    [InlineData("select sum(v), sum(w) from sums where g = 1", null)]
    [InlineData("select g, sum(w) from sums group by g", null)]
    [InlineData("select sum(v) from sums where g = 2",
        "integer overflow in sum of bigint: the total 9223372036854775808 does not fit (DuckDB returns a 128-bit HUGEINT here; this engine has none)")]
    [InlineData("select g, sum(v) from sums group by g",
        "integer overflow in sum of bigint: the total 9223372036854775808 does not fit (DuckDB returns a 128-bit HUGEINT here; this engine has none)")]
    [InlineData("select sum(v) from sums where g = 3",
        "integer overflow in sum of bigint: the total -9223372036854775809 does not fit (DuckDB returns a 128-bit HUGEINT here; this engine has none)")]
    [InlineData("select avg(v) from sums where g = 2", null)]
    public void Sums_pass_through_bigint_overflow_and_fail_only_when_the_total_does_not_fit(string sql, string? error)
    {
        if (error is null)
        {
            var expected = db.Query(sql);
            ResultComparer.AssertSame(expected, SqlEngine.Execute(sql, db.Catalog).Rows(), false, sql);
            ResultComparer.AssertSame(expected, SqlEngine.ExecuteStaged(sql, db.Catalog, new PhysicalOptions(Partitions: 3)).Rows(), false, sql);
            return;
        }
        // DuckDB answers with a HUGEINT, which the engine has no type for: it says so instead of wrapping.
        Assert.True(db.Query(sql).Count > 0);
        Assert.Equal(error, Assert.Throws<SqlExecutionException>(() => SqlEngine.Execute(sql, db.Catalog)).Message);
        Assert.Equal(error, Assert.Throws<SqlExecutionException>(
            () => SqlEngine.ExecuteStaged(sql, db.Catalog, new PhysicalOptions(Partitions: 3))).Message);
    }

    [Theory]
    [InlineData("select cast(a64 as int) from pairs where id = 5")]
    [InlineData("select cast(cast(a64 as double) * 2 as bigint) from pairs where id = 1")]
    [InlineData("select cast(cast(a64 as decimal(20,0)) * 10 as bigint) from pairs where id = 1")]
    public void Out_of_range_casts_fail_as_in_duckdb(string sql)
    {
        Assert.Contains("Conversion Error", Assert.Throws<DuckDBException>(() => db.Query(sql)).Message);
        Assert.StartsWith("cannot cast", Assert.Throws<SqlExecutionException>(() => SqlEngine.Execute(sql, db.Catalog)).Message);
    }

    private void Check(string sql, string? error, Func<List<object?[]>> engine)
    {
        if (error is null)
        {
            ResultComparer.AssertSame(db.Query(sql), engine(), false, sql);
            return;
        }
        Assert.Contains("Out of Range Error: Overflow", Assert.Throws<DuckDBException>(() => db.Query(sql)).Message);
        Assert.Equal(error, Assert.Throws<SqlExecutionException>(engine).Message);
    }
}
