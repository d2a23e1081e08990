using OrleansFlow.Sql.Physical;

namespace OrleansFlow.Sql.Tests;

/// <summary>
/// The same oracle queries through the physical planner, stage splitter and in-memory exchanges:
/// once with every join hash-repartitioned, once with every build side broadcast through an exchange, once with every
/// build side that only scans a table read whole by each task (replicated) and the others broadcast.
/// </summary>
public sealed class StagedExecutionTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    public static IEnumerable<object[]> Queries => OracleQueries.All.Select(q => new object[] { q.Sql, q.Ordered });

    [Theory]
    [MemberData(nameof(Queries))]
    public void Hash_repartitioned_matches_duckdb(string sql, bool ordered) =>
        Check(sql, ordered, new PhysicalOptions(Partitions: 3, BroadcastRowLimit: 0));

    [Theory]
    [MemberData(nameof(Queries))]
    public void Broadcast_matches_duckdb(string sql, bool ordered) =>
        Check(sql, ordered, new PhysicalOptions(Partitions: 2, BroadcastRowLimit: 1e12, ReplicateRowLimit: 0));

    [Theory]
    [MemberData(nameof(Queries))]
    public void Replicated_small_tables_match_duckdb(string sql, bool ordered) =>
        Check(sql, ordered, new PhysicalOptions(Partitions: 3, BroadcastRowLimit: 1e12, ReplicateRowLimit: long.MaxValue));

    private void Check(string sql, bool ordered, PhysicalOptions options)
    {
        var expected = db.Query(DuckDbDialect.Translate(sql));
        var actual = SqlEngine.ExecuteStaged(sql, db.Catalog, options, maxParallelism: 2).Rows();
        ResultComparer.AssertSame(expected, actual, ordered, sql);
    }

    [Fact]
    public void Stages_are_cut_at_every_exchange()
    {
        var staged = SqlEngine.PlanStages("select g, count(*) from t1 join t2 on t1.id = t2.t1_id group by g",
            db.Catalog, new PhysicalOptions(Partitions: 3, BroadcastRowLimit: 0));
        int exchanges = CountExchanges(staged.Physical.Root);
        Assert.True(exchanges >= 4, $"expected both join sides, the partial aggregate and the result to be exchanged; got {exchanges}");
        Assert.Equal(exchanges + 1, staged.Stages.Count);
        Assert.Null(staged.Stages[^1].Output);
        Assert.All(staged.Stages, s => Assert.False(ContainsExchange(s.Fragment)));
        // Producers come before their consumers.
        var written = new HashSet<int>();
        foreach (var s in staged.Stages)
        {
            Assert.All(s.InputExchanges, i => Assert.Contains(i, written));
            if (s.Output is not null) written.Add(s.Output.Id);
        }
    }

    [Fact]
    public void Small_scanned_build_side_is_read_by_every_task_instead_of_exchanged()
    {
        const string sql = "select g, count(*) from t1 join t2 on t1.id = t2.t1_id group by g";
        var replicated = SqlEngine.PlanStages(sql, db.Catalog, new PhysicalOptions(Partitions: 3, BroadcastRowLimit: 1e12, ReplicateRowLimit: long.MaxValue));
        var broadcast = SqlEngine.PlanStages(sql, db.Catalog, new PhysicalOptions(Partitions: 3, BroadcastRowLimit: 1e12, ReplicateRowLimit: 0));
        Assert.Equal(1, CountNodes<ReplicatedNode>(replicated.Physical.Root));
        Assert.Equal(0, CountNodes<ReplicatedNode>(broadcast.Physical.Root));
        Assert.Contains(broadcast.Stages, s => s.Output?.Kind == ExchangeKind.Broadcast);
        Assert.DoesNotContain(replicated.Stages, s => s.Output?.Kind == ExchangeKind.Broadcast);
        // The broadcast's own stage is gone; everything else is cut as before.
        Assert.Equal(broadcast.Stages.Count - 1, replicated.Stages.Count);
    }

    private static int CountNodes<T>(Logical.LogicalPlan p) => (p is T ? 1 : 0) + p.Children.Sum(CountNodes<T>);

    private static int CountExchanges(Logical.LogicalPlan p) => (p is ExchangeNode ? 1 : 0) + p.Children.Sum(CountExchanges);
    private static bool ContainsExchange(Logical.LogicalPlan p) => p is ExchangeNode || p.Children.Any(ContainsExchange);
}

/// <summary>Tasks run one by one from the query text, as workers on the fabric will run them.</summary>
public sealed class TaskByTaskTests(TpcDatabase db) : IClassFixture<TpcDatabase>
{
    [Fact]
    public void Planning_is_deterministic()
    {
        var options = new PhysicalOptions(Partitions: 4, BroadcastRowLimit: 1000);
        Assert.Equal(SqlEngine.Explain(TpcQueries.TpcdsQ77, db.Catalog, options), SqlEngine.Explain(TpcQueries.TpcdsQ77, db.Catalog, options));
    }

    [Fact]
    public void Query_77_run_task_by_task_matches_duckdb()
    {
        var options = new PhysicalOptions(Partitions: 3, BroadcastRowLimit: 0);
        var exchange = new InMemoryExchange();
        var stages = SqlEngine.PlanStages(TpcQueries.TpcdsQ77, db.Catalog, options).Stages;
        // Run the tasks in reverse partition order: results must not depend on the order tasks happen to run in.
        foreach (var stage in stages.Where(s => s.Output is not null))
            for (int p = stage.Partitions - 1; p >= 0; p--)
                SqlEngine.RunTask(TpcQueries.TpcdsQ77, db.Catalog, options, stage.Id, p, exchange, exchange);
        var actual = SqlEngine.RunResultStage(TpcQueries.TpcdsQ77, db.Catalog, options, exchange).Rows();
        var expected = db.Query(DuckDbDialect.Translate(TpcQueries.TpcdsQ77));
        ResultComparer.AssertSame(expected, actual, ordered: false, TpcQueries.TpcdsQ77);
    }

    [Fact]
    public void Unknown_stage_or_partition_is_rejected()
    {
        var options = new PhysicalOptions(Partitions: 2);
        var exchange = new InMemoryExchange();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SqlEngine.RunTask("select count(*) from lineitem", db.Catalog, options, 99, 0, exchange, exchange));
        Assert.Contains("not 99", error.Message);
    }
}
