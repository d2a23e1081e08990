using System.Runtime.CompilerServices;
using OrleansFlow.Sql.Binding;
using OrleansFlow.Sql.Execution;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Physical;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Tests;

/// <summary>Window functions against DuckDB: in one task, and staged with the window's input repartitioned or gathered.</summary>
public sealed class WindowTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    public static IEnumerable<object[]> Queries => WindowQueries.All.Select(q => new object[] { q.Sql, q.Ordered });

    [Fact]
    public void Suite_is_large_enough() => Assert.True(WindowQueries.All.Count >= 60, $"only {WindowQueries.All.Count} window queries");

    [Theory]
    [MemberData(nameof(Queries))]
    public void Matches_duckdb(string sql, bool ordered) =>
        ResultComparer.AssertSame(db.Query(sql), SqlEngine.Execute(sql, db.Catalog).Rows(), ordered, sql);

    [Theory]
    [MemberData(nameof(Queries))]
    public void Staged_matches_duckdb(string sql, bool ordered) =>
        ResultComparer.AssertSame(db.Query(sql),
            SqlEngine.ExecuteStaged(sql, db.Catalog, new PhysicalOptions(Partitions: 3, BroadcastRowLimit: 0), maxParallelism: 2).Rows(), ordered, sql);

    [Fact]
    public void Partitioned_window_reads_its_input_hash_repartitioned_on_the_partition_keys()
    {
        var staged = SqlEngine.PlanStages("select id, row_number() over (partition by g order by id) from t1", db.Catalog,
            new PhysicalOptions(Partitions: 3));
        var window = Find<WindowNode>(staged.Physical.Root);
        var exchange = Assert.IsType<ExchangeNode>(window.Input);
        Assert.Equal(ExchangeKind.HashRepartition, exchange.Kind);
        Assert.Equal(window.PartitionBy.Select(k => k.ToString()), exchange.Keys.Select(k => k.ToString()));
        Assert.Equal(3, exchange.ConsumerPartitions);
        // The window runs in its own stage of 3 tasks, between the scan's stage and the gathered result.
        var windowStage = Assert.Single(staged.Stages, s => Contains<WindowNode>(s.Fragment));
        Assert.Equal(3, windowStage.Partitions);
        Assert.Equal([exchange.Id], windowStage.InputExchanges);
    }

    [Fact]
    public void Window_without_partition_keys_gathers_its_input()
    {
        var staged = SqlEngine.PlanStages("select id, sum(x) over (order by id) from t1", db.Catalog, new PhysicalOptions(Partitions: 3));
        var exchange = Assert.IsType<ExchangeNode>(Find<WindowNode>(staged.Physical.Root).Input);
        Assert.Equal(ExchangeKind.Gather, exchange.Kind);
        Assert.Single(staged.Stages, s => Contains<WindowNode>(s.Fragment) && s.Partitions == 1);
    }

    [Fact]
    public void Filter_on_partition_keys_goes_below_the_window_and_one_on_its_result_stays_above()
    {
        var plan = SqlEngine.Plan("select * from (select g, id, rank() over (partition by g order by id) r from t1) t where g = 'g1' and r <= 2", db.Catalog);
        var window = Find<WindowNode>(plan);
        Assert.Contains("'g1'", PlanPrinter.Print(window.Input));
        Assert.DoesNotContain("<= 2", PlanPrinter.Print(window.Input));
        Assert.Contains("<= 2", PlanPrinter.Print(plan));
    }

    [Fact]
    public void Unused_window_functions_are_not_computed()
    {
        var plan = SqlEngine.Plan("select id from (select id, rank() over (order by x) r, sum(x) over (partition by g) s from t1) t where r < 5", db.Catalog);
        var window = Find<WindowNode>(plan);
        Assert.Equal(WindowFunction.Rank, Assert.Single(window.Functions).Function);
        Assert.Single(Nodes<WindowNode>(plan));
    }

    [Theory]
    [InlineData("row_number() over ()", "BIGINT", "bigint")]
    [InlineData("rank() over (order by x)", "BIGINT", "bigint")]
    [InlineData("dense_rank() over (order by x)", "BIGINT", "bigint")]
    [InlineData("ntile(2) over (order by x)", "BIGINT", "bigint")]
    [InlineData("percent_rank() over (order by x)", "DOUBLE", "double")]
    [InlineData("cume_dist() over (order by x)", "DOUBLE", "double")]
    [InlineData("lag(x) over (order by id)", "INTEGER", "int")]
    [InlineData("lead(d, 1, 0) over (order by id)", "DECIMAL(10,2)", "decimal(10,2)")]
    [InlineData("first_value(s) over (order by id)", "VARCHAR", "varchar")]
    [InlineData("nth_value(dt, 2) over (order by id)", "DATE", "date")]
    [InlineData("avg(x) over ()", "DOUBLE", "double")]
    [InlineData("avg(d) over ()", "DOUBLE", "double")]
    [InlineData("sum(d) over ()", "DECIMAL(38,2)", "decimal(38,2)")]
    [InlineData("sum(f) over ()", "DOUBLE", "double")]
    [InlineData("count(*) over ()", "BIGINT", "bigint")]
    [InlineData("count(x) over ()", "BIGINT", "bigint")]
    [InlineData("min(x) over ()", "INTEGER", "int")]
    [InlineData("max(dt) over ()", "DATE", "date")]
    [InlineData("stddev_samp(x) over ()", "DOUBLE", "double")]
    public void Result_type_is_duckdbs(string expr, string duckDbType, string engineType)
    {
        Assert.Equal(duckDbType, db.Query($"select typeof({expr}) from t1 limit 1")[0][0]);
        Assert.Equal(engineType, SqlEngine.Plan($"select {expr} from t1", db.Catalog).Output[0].Type.ToString());
    }

    [Fact]
    public void Integer_sum_over_a_window_is_bigint_where_duckdb_has_hugeint()
    {
        // As for sum() without OVER: the engine has no 128-bit type; totals that do not fit bigint fail.
        Assert.Equal(SqlType.Int64, SqlEngine.Plan("select sum(x) over () from t1", db.Catalog).Output[0].Type);
        Assert.Equal("HUGEINT", db.Query("select typeof(sum(x) over ()) from t1 limit 1")[0][0]);
    }

    [Theory]
    [InlineData("select id from t1 where row_number() over () > 1", "window functions are not allowed in WHERE")]
    [InlineData("select count(*) from t1 group by rank() over (order by id)", "window functions are not allowed in GROUP BY")]
    [InlineData("select g from t1 group by g having rank() over (order by g) > 1", "window functions are not allowed in HAVING")]
    [InlineData("select 1 from t1 join t2 on rank() over () = t2.id", "window functions are not allowed in JOIN conditions")]
    [InlineData("select foo(x) over () from t1", "unknown window function foo()")]
    [InlineData("select upper(g) over () from t1", "unknown window function upper()")]
    [InlineData("select ntile(0) over (order by id) from t1", "ntile() needs a positive number of buckets but got 0")]
    [InlineData("select nth_value(x, 0) over (order by id) from t1", "nth_value() needs a position of at least 1 but got 0")]
    [InlineData("select sum(x) over (order by id rows between 2 following and 1 following) from t1", "the window frame starts after it ends (2 FOLLOWING .. 1 FOLLOWING)")]
    [InlineData("select sum(x) over (order by id rows between current row and 1 preceding) from t1", "the window frame starts after it ends")]
    [InlineData("select sum(x) over (order by id rows between 1 following and current row) from t1", "the window frame starts after it ends")]
    [InlineData("select sum(x) over (order by id rows between unbounded following and current row) from t1", "cannot start at UNBOUNDED FOLLOWING")]
    [InlineData("select sum(x) over (order by id rows between current row and unbounded preceding) from t1", "cannot end at UNBOUNDED PRECEDING")]
    [InlineData("select sum(row_number() over ()) from t1", "window functions cannot be used inside aggregate functions")]
    [InlineData("select rank() over (order by row_number() over ()) from t1", "window function calls cannot be nested")]
    [InlineData("select rank(x) over () from t1", "rank() takes no arguments but got 1")]
    [InlineData("select lag() over () from t1", "lag() takes 1 to 3 arguments but got 0")]
    [InlineData("select lag(x, 'a') over () from t1", "lag() expects an integer offset but got varchar")]
    [InlineData("select sum(distinct x) over () from t1", "DISTINCT is not supported in window aggregates (sum)")]
    [InlineData("select sum(g) over () from t1", "sum() cannot add values of type varchar")]
    [InlineData("select avg(s) over () from t1", "avg() expects a number but got varchar")]
    [InlineData("select sum(x) over (order by g range between 1 preceding and current row) from t1", "RANGE with an offset needs a numeric ORDER BY expression but it is varchar")]
    [InlineData("select sum(x) over (order by x, id range between 1 preceding and current row) from t1", "RANGE with an offset needs exactly one ORDER BY expression but the window has 2")]
    [InlineData("select g, rank() over (order by x) from t1 group by g", "column 'x' must appear in GROUP BY")]
    [InlineData("select row_number() from t1", "row_number() is a window function and needs an OVER clause")]
    [InlineData("select lag(x) from t1", "lag() is a window function and needs an OVER clause")]
    [InlineData("select stddev_samp(x) from t1", "stddev_samp() is supported only over a window (with OVER) so far")]
    public void Misuse_is_a_one_line_bind_error(string sql, string fragment)
    {
        var error = Assert.Throws<SqlBindException>(() => SqlEngine.Plan(sql, db.Catalog));
        Assert.Contains(fragment, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("select ntile(x) over (order by id) from t1", "ntile() needs a positive number of buckets but got 0")]
    [InlineData("select nth_value(x, x) over (order by id) from t1", "nth_value() needs a position of at least 1 but got 0")]
    public void Bad_run_time_argument_is_an_execution_error(string sql, string fragment)
    {
        var error = Assert.Throws<SqlExecutionException>(() => SqlEngine.Execute(sql, db.Catalog));
        Assert.Contains(fragment, error.Message);
    }

    public static IEnumerable<object[]> GoldenQueries =>
    [
        ["window-partitioned", "select id, g, row_number() over (partition by g order by x desc, id) rn, sum(x) over (partition by g) from t1"],
        ["window-over-aggregate", "select g, sum(x) s, rank() over (order by sum(x) desc) from t1 group by g order by s desc"],
        ["window-top-n-per-group", "select * from (select id, g, rank() over (partition by g order by x desc) r from t1) t where r <= 3 and g <> 'g0'"],
        ["window-frames", "select id, avg(f) over (order by id rows between 2 preceding and 2 following), count(*) over (order by x range between 5 preceding and current row) from t1"],
    ];

    /// <summary>EXPLAIN of window queries against golden files (regenerate with ORLEANSFLOW_UPDATE_GOLDEN=1).</summary>
    [Theory]
    [MemberData(nameof(GoldenQueries))]
    public void Explain_matches_golden_file(string name, string sql)
    {
        string text = SqlEngine.Explain(sql, db.Catalog, new PhysicalOptions(Partitions: 3, BroadcastRowLimit: 1000));
        string path = Path.Combine(SourceDirectory(), "Golden", name + ".txt");
        if (Environment.GetEnvironmentVariable("ORLEANSFLOW_UPDATE_GOLDEN") == "1") File.WriteAllText(path, text);
        Assert.True(File.Exists(path), $"golden file {path} is missing");
        Assert.Equal(File.ReadAllText(path), text);
    }

    private static string SourceDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;

    private static T Find<T>(LogicalPlan p) where T : LogicalPlan => Nodes<T>(p).First();
    private static bool Contains<T>(LogicalPlan p) where T : LogicalPlan => Nodes<T>(p).Any();
    private static IEnumerable<T> Nodes<T>(LogicalPlan p) where T : LogicalPlan =>
        (p is T t ? [t] : Enumerable.Empty<T>()).Concat(p.Children.SelectMany(Nodes<T>));
}

/// <summary>TPC-shaped window queries on the generated TPC data: in one task, staged, and task by task.</summary>
public sealed class TpcWindowTests(TpcDatabase db) : IClassFixture<TpcDatabase>
{
    public static IEnumerable<object[]> Names => TpcWindowQueries.All.Keys.Select(k => new object[] { k });

    private static readonly PhysicalOptions Staged = new(Partitions: 4, BroadcastRowLimit: 1000);

    [Theory]
    [MemberData(nameof(Names))]
    public void Matches_duckdb(string name)
    {
        string sql = TpcWindowQueries.All[name];
        var expected = db.Query(sql);
        Assert.True(expected.Count >= 3, $"{name}: only {expected.Count} rows, the generated data is too thin");
        ResultComparer.AssertSame(expected, SqlEngine.Execute(sql, db.Catalog).Rows(), ordered: true, sql);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Staged_matches_duckdb(string name)
    {
        string sql = TpcWindowQueries.All[name];
        ResultComparer.AssertSame(db.Query(sql), SqlEngine.ExecuteStaged(sql, db.Catalog, Staged, maxParallelism: 2).Rows(), ordered: true, sql);
    }

    [Fact]
    public void Q51_shape_run_task_by_task_matches_duckdb()
    {
        string sql = TpcWindowQueries.All["ds-q51-shape"];
        var exchange = new InMemoryExchange();
        var staged = SqlEngine.PlanStages(sql, db.Catalog, Staged);
        Assert.Contains(staged.Stages, s => s.Output?.Kind == ExchangeKind.HashRepartition && ContainsWindowAbove(staged.Physical.Root, s.Output.Id));
        foreach (var stage in staged.Stages.Where(s => s.Output is not null))
            for (int p = stage.Partitions - 1; p >= 0; p--)
                SqlEngine.RunTask(sql, db.Catalog, Staged, stage.Id, p, exchange, exchange);
        ResultComparer.AssertSame(db.Query(sql), SqlEngine.RunResultStage(sql, db.Catalog, Staged, exchange).Rows(), ordered: true, sql);
    }

    /// <summary>Whether a Window node reads the exchange directly.</summary>
    private static bool ContainsWindowAbove(LogicalPlan p, int exchangeId) =>
        (p is WindowNode { Input: ExchangeNode x } && x.Id == exchangeId) || p.Children.Any(c => ContainsWindowAbove(c, exchangeId));
}
