using OrleansFlow.Sql.Physical;

namespace OrleansFlow.Sql.Tests;

/// <summary>
/// The same oracle queries through the physical planner, stage splitter and in-memory exchanges:
/// once with every join hash-repartitioned, once with every build side broadcast.
/// </summary>
public sealed class StagedExecutionTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    public static IEnumerable<object[]> Queries => OracleQueries.All.Select(q => new object[] { q.Sql, q.Ordered });

    [Theory]
    [MemberData(nameof(Queries))]
    public void HashRepartitionedMatchesDuckDb(string sql, bool ordered) =>
        Check(sql, ordered, new PhysicalOptions(Partitions: 3, BroadcastRowLimit: 0));

    [Theory]
    [MemberData(nameof(Queries))]
    public void BroadcastMatchesDuckDb(string sql, bool ordered) =>
        Check(sql, ordered, new PhysicalOptions(Partitions: 2, BroadcastRowLimit: 1e12));

    private void Check(string sql, bool ordered, PhysicalOptions options)
    {
        var expected = db.Query(DuckDbDialect.Translate(sql));
        var actual = SqlEngine.ExecuteStaged(sql, db.Catalog, options, maxParallelism: 2).Rows();
        ResultComparer.AssertSame(expected, actual, ordered, sql);
    }

    [Fact]
    public void StagesAreCutAtEveryExchange()
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

    private static int CountExchanges(Logical.LogicalPlan p) => (p is ExchangeNode ? 1 : 0) + p.Children.Sum(CountExchanges);
    private static bool ContainsExchange(Logical.LogicalPlan p) => p is ExchangeNode || p.Children.Any(ContainsExchange);
}
