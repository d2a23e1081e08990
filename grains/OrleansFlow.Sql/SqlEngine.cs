using OrleansFlow.Sql.Binding;
using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Execution;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Optimizer;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Physical;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql;

/// <summary>In-process entry point: parse, bind, optimise and run a query against a catalog.</summary>
public static class SqlEngine
{
    public static QueryResult Execute(string sql, TableCatalog catalog)
    {
        var plan = Plan(sql, catalog);
        var planner = new LocalPlanner();
        var op = planner.Build(plan);
        var batches = op.Execute().Where(b => b.RowCount > 0).ToList();
        return new QueryResult(plan.Output.Select(c => c.ToInfo()).ToList(), batches);
    }

    /// <summary>The optimised logical plan.</summary>
    public static LogicalPlan Plan(string sql, TableCatalog catalog) => Plan(sql, catalog, new ColumnIdGenerator());

    private static LogicalPlan Plan(string sql, TableCatalog catalog, ColumnIdGenerator ids) =>
        LogicalOptimizer.Optimize(Binder.Bind(SqlParser.Parse(sql), catalog, ids), ids);

    /// <summary>Logical plan, physical plan with exchanges, and stages: what the fabric runs.</summary>
    public static StagedQuery PlanStages(string sql, TableCatalog catalog, PhysicalOptions? options = null)
    {
        var ids = new ColumnIdGenerator();
        var logical = Plan(sql, catalog, ids);
        var physical = new PhysicalPlanner(options ?? new PhysicalOptions(), ids).Plan(logical);
        return new StagedQuery(logical, physical, StageSplitter.Split(physical));
    }

    /// <summary>Runs the staged plan in this process (tasks of a stage in parallel, exchanges in memory).</summary>
    public static QueryResult ExecuteStaged(string sql, TableCatalog catalog, PhysicalOptions? options = null, int maxParallelism = 0)
    {
        var staged = PlanStages(sql, catalog, options);
        return new QueryResult(OutputColumns(staged.Logical), LocalStageScheduler.Run(staged.Stages, maxParallelism));
    }

    /// <summary>EXPLAIN text for <c>orleansflow explain</c>.</summary>
    public static string Explain(string sql, TableCatalog catalog, PhysicalOptions? options = null)
    {
        var staged = PlanStages(sql, catalog, options);
        return Physical.Explain.Format(staged.Logical, staged.Physical, staged.Stages);
    }

    /// <summary>The bound, unoptimised plan (for tests of the binder and of individual rules).</summary>
    public static LogicalPlan BindOnly(string sql, TableCatalog catalog) =>
        Binder.Bind(SqlParser.Parse(sql), catalog, new ColumnIdGenerator());

    public static IReadOnlyList<ColumnInfo> OutputColumns(LogicalPlan plan) => plan.Output.Select(c => c.ToInfo()).ToList();
}
