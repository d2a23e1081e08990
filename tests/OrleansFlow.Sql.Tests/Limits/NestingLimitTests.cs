using System.Text.RegularExpressions;
using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Physical;
using static OrleansFlow.Sql.Tests.Limits.DeepQueries;

namespace OrleansFlow.Sql.Tests.Limits;

/// <summary>
/// Queries nested far too deep are one-line errors with line:column at every entry point, never a stack overflow
/// (which would end the silo); queries just inside the limit run through every pass on a thread-pool-sized stack.
/// </summary>
public sealed partial class NestingLimitTests
{
    private static readonly TableCatalog NoTables = new();

    [GeneratedRegex(@"^expression nested too deeply at line \d+, column \d+ \(limit \d+\)$")]
    private static partial Regex OneLine();

    public static TheoryData<string, string> FarTooDeep => new()
    {
        { "arithmetic", Arithmetic(20_000) },
        { "parentheses", Parentheses(20_000) },
        { "scalar subqueries", ScalarSubqueries(20_000) },
        { "derived tables", DerivedTables(20_000) },
        { "case", Cases(20_000) },
        { "not", Nots(20_000) },
        { "unary minus", Negations(20_000) },
        { "or chain", OrChain(10_000) },
        { "and chain", AndChain(10_000) },
        { "plus chain", PlusChain(10_000) },
        { "union chain", UnionChain(10_000) },
        { "cte chain", CteChain(10_000) },
    };

    [Theory]
    [MemberData(nameof(FarTooDeep))]
    public void Every_entry_point_refuses_it_in_one_line(string shape, string sql)
    {
        var entryPoints = new (string Name, Func<object?> Call)[]
        {
            ("Execute", () => SqlEngine.Execute(sql, NoTables)),
            ("ExecuteStaged", () => SqlEngine.ExecuteStaged(sql, NoTables)),
            ("PlanStages", () => SqlEngine.PlanStages(sql, NoTables)),
            ("Explain", () => SqlEngine.Explain(sql, NoTables)),
            ("BindOnly", () => SqlEngine.BindOnly(sql, NoTables)),
        };
        foreach (var (name, call) in entryPoints)
        {
            var error = SmallStack.Throws<SqlNestingException>(call);
            Assert.True(OneLine().IsMatch(error.Message), $"{shape}, {name}: {error.Message}");
            Assert.Equal(SqlLimits.DefaultMaxNestingDepth, error.Limit);
            Assert.Equal(1, error.Line);
            Assert.InRange(error.Column, 1, sql.Length);
        }
    }

    [Fact]
    public void Parser_names_where_the_limit_is_crossed()
    {
        // Levels: the query (1:1), the select item (1:8), then one per parenthesis: the fifth is at 1:11.
        var error = Assert.Throws<SqlNestingException>(() => SqlParser.Parse("select ((((((1))))))", new SqlLimits { MaxNestingDepth = 4 }));
        Assert.Equal("expression nested too deeply at line 1, column 11 (limit 4)", error.Message);
    }

    [Fact]
    public void The_20000_deep_sum_is_refused_where_its_1000th_level_starts()
    {
        // The query and the select item are two levels; each "1+(" two more (the '+' and the parenthesis), so the
        // 1001st is the '+' of the 500th: column 8 + 3 × 499 + 1.
        var error = Assert.Throws<SqlNestingException>(() => SqlEngine.Execute(Arithmetic(20_000), NoTables));
        Assert.Equal("expression nested too deeply at line 1, column 1506 (limit 1000)", error.Message);
    }

    [Fact]
    public void A_chain_counts_one_level_per_operator()
    {
        // The query, the select item, the first OR (2:1) make three; the second OR (3:1) is the fourth.
        var error = Assert.Throws<SqlNestingException>(() =>
            SqlParser.Parse("select true\nor true\nor true\nor true", new SqlLimits { MaxNestingDepth = 3 }));
        Assert.Equal("expression nested too deeply at line 3, column 1 (limit 3)", error.Message);
    }

    [Fact]
    public void Binder_counts_inlined_ctes()
    {
        // Four lines of text, nowhere more than three levels deep; inlined, a2 → a1 → a0 is deeper.
        const string sql = "with a0 as (select 1 as x),\na1 as (select x from a0),\na2 as (select x from a1)\nselect x from a2";
        var limits = new SqlLimits { MaxNestingDepth = 3 };
        SqlParser.Parse(sql, limits);
        var error = Assert.Throws<SqlNestingException>(() => SqlEngine.Plan(sql, NoTables, limits));
        Assert.Equal("expression nested too deeply at line 2, column 22 (limit 3)", error.Message);
    }

    [Fact]
    public void Ctes_that_double_the_plan_at_every_step_are_refused_by_count()
    {
        // a30 would inline a0 2^30 times.
        var sql = "with a0 as (select 1 as x), " + string.Join(", ", Enumerable.Range(1, 30).Select(i => $"a{i} as (select p.x from a{i - 1} p, a{i - 1} q)"))
            + " select count(*) from a30";
        var error = Assert.Throws<OrleansFlow.Sql.Binding.SqlBindException>(() => SqlEngine.Plan(sql, NoTables));
        Assert.EndsWith("common table expressions are inlined more than 10000 times (each reference copies its CTE; limit 10000)", error.Message);

        var small = "with a0 as (select 1 as x), " + string.Join(", ", Enumerable.Range(1, 8).Select(i => $"a{i} as (select p.x from a{i - 1} p, a{i - 1} q)"))
            + " select count(*) from a8";
        Assert.Equal("1", Scalar(small)); // 256 copies of a0's one row, cross-joined: one row
    }

    [Fact]
    public void A_limit_raised_past_what_the_stack_holds_is_still_the_same_error()
    {
        var limits = new SqlLimits { MaxNestingDepth = int.MaxValue, MaxInlinedCtes = int.MaxValue };
        // The parser (arithmetic) and the binder (a CTE chain, flat in the text) each run out of the planning
        // thread's 64 MiB before they reach these depths.
        foreach (var sql in new[] { Arithmetic(200_000), CteChain(100_000) })
        {
            var error = SmallStack.Throws<SqlNestingException>(() => SqlEngine.Execute(sql, NoTables, limits));
            Assert.True(OneLine().IsMatch(error.Message), error.Message);
        }
    }

    [Fact]
    public void Queries_within_the_limit_run_through_every_pass_on_a_thread_pool_stack()
    {
        // Each shape close to the default limit of 1000 levels as the parser counts them.
        Assert.Equal("451", Scalar(Arithmetic(450)));
        Assert.Equal("1", Scalar(Parentheses(990)));
        Assert.Equal("1", Scalar(ScalarSubqueries(450)));
        Assert.Equal("1", Scalar(DerivedTables(450)));
        Assert.Equal("1", Scalar(Cases(450)));
        Assert.Equal("True", Scalar(Nots(990)));
        Assert.Equal("1", Scalar(Negations(990)));
        Assert.Equal("True", Scalar(OrChain(990)));
        Assert.Equal("True", Scalar(AndChain(990)));
        Assert.Equal("990", Scalar(PlusChain(990)));
        Assert.Equal("1", Scalar(CteChain(300)));
        Assert.Equal(990L, SmallStack.Run(() => SqlEngine.Execute(UnionChain(990), NoTables)).RowCount);
        foreach (var sql in new[] { Arithmetic(450), ScalarSubqueries(450), OrChain(990), CteChain(300) })
        {
            SmallStack.Run(() => SqlEngine.ExecuteStaged(sql, NoTables, new PhysicalOptions(Partitions: 2)));
            Assert.NotEmpty(SmallStack.Run(() => SqlEngine.Explain(sql, NoTables)));
        }
    }

    [Fact]
    public void Expressions_over_columns_within_the_limit_compile_and_run_in_tasks_on_thread_pool_threads()
    {
        // Constant folding collapses the literal shapes above; over a column every level is compiled and evaluated,
        // in the stage tasks (thread-pool threads) of a staged run, with no deep-stack planning thread around them.
        using var folder = new TempFolder("nesting");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(folder.Path, "t")).FullName, "part-0.csv"), "x\n1\n2\n3\n");
        var catalog = TableCatalog.FromDirectory(folder.Path);
        var options = new PhysicalOptions(Partitions: 2);
        var sums = "select sum(" + Repeat("x+(", 450) + "x" + Repeat(")", 450) + ") as s from t";
        var nots = "select count(*) as n from t where " + Repeat("not ", 990) + "(x > 1)";
        var ors = "select count(*) as n from t where " + Chain("x = 0", " or ", 989) + " or x = 3";
        foreach (var (sql, expected) in new[] { (sums, "2706"), (nots, "2"), (ors, "1") })
        {
            Assert.Equal(expected, Text(SqlEngine.ExecuteStaged(sql, catalog, options)));
            Assert.Equal(expected, Text(SmallStack.Run(() => SqlEngine.Execute(sql, catalog))));
        }
    }

    private static string? Text(QueryResult result) =>
        Convert.ToString(Assert.Single(result.Rows())[0], System.Globalization.CultureInfo.InvariantCulture);

    private static string? Scalar(string sql)
    {
        var result = SmallStack.Run(() => SqlEngine.Execute(sql, NoTables));
        return Convert.ToString(Assert.Single(result.Rows())[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
