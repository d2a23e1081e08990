using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Optimizer;

namespace OrleansFlow.Sql.Tests;

/// <summary>Each optimizer rule on its own, checked on the plan it produces.</summary>
public sealed class OptimizerTests(TpcDatabase db) : IClassFixture<TpcDatabase>
{
    private LogicalPlan Bound(string sql, out ColumnIdGenerator ids)
    {
        ids = new ColumnIdGenerator();
        return Binding.Binder.Bind(Parsing.SqlParser.Parse(sql), db.Catalog, ids);
    }

    private static IEnumerable<LogicalPlan> Nodes(LogicalPlan p) => p.Children.SelectMany(Nodes).Prepend(p);

    [Fact]
    public void Constant_folding_evaluates_date_arithmetic()
    {
        var plan = new ConstantFolding().Apply(Bound("select d_date from date_dim where d_date <= cast('2000-08-23' as date) + 30 days", out var ids), ids);
        var filter = Nodes(plan).OfType<FilterNode>().Single();
        Assert.Equal("(d_date#2 <= DATE '2000-09-22')", filter.Predicate.ToString());
    }

    [Fact]
    public void Predicate_pushdown_turns_comma_joins_into_inner_joins_and_filters_scans()
    {
        var plan = new PredicatePushdown().Apply(Bound(
            "select n_name from nation, region where n_regionkey = r_regionkey and r_name = 'ASIA'", out var ids), ids);
        Assert.Empty(Nodes(plan).OfType<FilterNode>());
        var join = Nodes(plan).OfType<JoinNode>().Single();
        Assert.Equal(JoinType.Inner, join.Type);
        var region = Nodes(plan).OfType<ScanNode>().Single(s => s.Table.Name == "region");
        Assert.Equal("(r_name#6 = 'ASIA')", Assert.Single(region.Filters).ToString());
    }

    [Fact]
    public void Predicate_pushdown_keeps_filters_on_the_outer_side_of_a_left_join()
    {
        var plan = new PredicatePushdown().Apply(Bound(
            "select c_custkey from customer left join orders on c_custkey = o_custkey where o_totalprice > 100", out var ids), ids);
        var join = Nodes(plan).OfType<JoinNode>().Single();
        Assert.IsType<FilterNode>(Nodes(plan).First(n => n is FilterNode or JoinNode));
        Assert.All(Nodes(join.Right).OfType<ScanNode>(), s => Assert.Empty(s.Filters));
    }

    [Fact]
    public void Join_reordering_probes_the_largest_table_and_builds_the_smallest()
    {
        var sql = "select count(*) from nation, lineitem, supplier where l_suppkey = s_suppkey and s_nationkey = n_nationkey";
        var plan = Bound(sql, out var ids);
        plan = new PredicatePushdown().Apply(plan, ids);
        plan = new JoinReordering().Apply(plan, ids);
        var top = Nodes(plan).OfType<JoinNode>().First();
        var bottom = Nodes(plan).OfType<JoinNode>().Last();
        Assert.Equal("lineitem", Assert.IsType<ScanNode>(bottom.Left).Table.Name);
        Assert.Equal("supplier", Assert.IsType<ScanNode>(bottom.Right).Table.Name);
        Assert.Equal("nation", Assert.IsType<ScanNode>(top.Right).Table.Name);
    }

    [Fact]
    public void Projection_pushdown_reads_only_needed_columns()
    {
        var plan = new ProjectionPushdown().Apply(Bound("select sum(l_quantity) from lineitem where l_discount > 0.05", out var ids), ids);
        var scan = Nodes(plan).OfType<ScanNode>().Single();
        Assert.Equal(["l_quantity", "l_discount"], scan.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Or_factoring_extracts_the_join_condition_of_query_19()
    {
        var plan = SqlEngine.Plan(TpcQueries.Tpch[19], db.Catalog);
        var join = Nodes(plan).OfType<JoinNode>().Single();
        Assert.Equal(JoinType.Inner, join.Type);
        Assert.Single(Execution.JoinKeys.Extract(join).Left);
    }

    [Fact]
    public void Decorrelation_turns_exists_into_semi_and_not_exists_into_anti_joins()
    {
        var plan = SqlEngine.Plan(TpcQueries.Tpch[21], db.Catalog);
        var types = Nodes(plan).OfType<JoinNode>().Select(j => j.Type).ToList();
        Assert.Contains(JoinType.Semi, types);
        Assert.Contains(JoinType.Anti, types);
        Assert.DoesNotContain(Nodes(plan).SelectMany(PlanRewriter.Expressions), e => ExprUtil.Any(e, x => x is BoundExists or BoundOuterColumn));
    }

    [Fact]
    public void Decorrelation_groups_a_scalar_aggregate_by_its_correlation_key()
    {
        var plan = SqlEngine.Plan(TpcQueries.Tpch[17], db.Catalog);
        Assert.Contains(Nodes(plan).OfType<AggregateNode>(), a => a.Groups.Count == 1 && a.Groups[0].ToString().StartsWith("l_partkey"));
        Assert.DoesNotContain(Nodes(plan).SelectMany(PlanRewriter.Expressions), e => ExprUtil.Any(e, x => x is BoundScalarSubquery));
    }
}
