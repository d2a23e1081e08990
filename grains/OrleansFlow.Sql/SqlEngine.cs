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
    public static QueryResult Execute(string sql, TableCatalog catalog, CancellationToken cancellation = default)
    {
        var plan = Plan(sql, catalog);
        var planner = new LocalPlanner(cancellation: cancellation);
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

    /// <summary>
    /// Runs one task of a staged query: partition <paramref name="partition"/> of stage <paramref name="stageId"/>.
    /// Planning is deterministic (same text, same files, same options give the same stages, column ids and exchange
    /// ids), so a worker re-plans from the query text instead of receiving a serialized plan.
    /// </summary>
    public static void RunTask(string sql, TableCatalog catalog, PhysicalOptions options, int stageId, int partition,
        IExchangeSource source, IExchangeSink sink, CancellationToken cancellation = default) =>
        RunTask(PlanStages(sql, catalog, options), stageId, partition, source, sink, cancellation);

    /// <summary>Runs one partition of one stage of an already staged query (every task of a query plans the same
    /// stages, so a worker may plan once and run many tasks; a staged query is not changed by running it).</summary>
    public static void RunTask(StagedQuery staged, int stageId, int partition, IExchangeSource source, IExchangeSink sink,
        CancellationToken cancellation = default)
    {
        var stage = FindStage(staged, stageId);
        if (partition < 0 || partition >= stage.Partitions)
            throw new ArgumentOutOfRangeException(nameof(partition), $"stage {stageId} has partitions 0..{stage.Partitions - 1}, not {partition}");
        StageRunner.Run(stage, partition, source, sink, cancellation);
    }

    /// <summary>Runs the result stage (the last one, a single task) once all other stages have written their exchanges.</summary>
    public static QueryResult RunResultStage(string sql, TableCatalog catalog, PhysicalOptions options, IExchangeSource source,
        CancellationToken cancellation = default) =>
        RunResultStage(PlanStages(sql, catalog, options), source, cancellation);

    /// <summary>Runs the result stage of an already staged query.</summary>
    public static QueryResult RunResultStage(StagedQuery staged, IExchangeSource source, CancellationToken cancellation = default) =>
        new(staged.Columns, StageRunner.Results(staged.Stages[^1], source, cancellation).Where(b => b.RowCount > 0).ToList());

    private static Stage FindStage(StagedQuery staged, int stageId) =>
        staged.Stages.FirstOrDefault(s => s.Id == stageId)
        ?? throw new ArgumentOutOfRangeException(nameof(stageId), $"the query has stages 1..{staged.Stages.Count}, not {stageId}");

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
