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
    public static QueryResult Execute(string sql, TableCatalog catalog, CancellationToken cancellation = default) =>
        Execute(sql, catalog, SqlLimits.Default, cancellation);

    /// <summary>As <see cref="Execute(string, TableCatalog, CancellationToken)"/>, within <paramref name="limits"/>.</summary>
    public static QueryResult Execute(string sql, TableCatalog catalog, SqlLimits limits, CancellationToken cancellation = default) =>
        DeepStack.Run(() =>
        {
            var query = SqlParser.Parse(sql, limits, out var deepestAt);
            return AfterParse(deepestAt, limits, () =>
            {
                var plan = Plan(query, catalog, new ColumnIdGenerator(), limits);
                var planner = new LocalPlanner(cancellation: cancellation);
                var op = planner.Build(plan);
                var batches = op.Execute().Where(b => b.RowCount > 0).ToList();
                return new QueryResult(plan.Output.Select(c => c.ToInfo()).ToList(), batches);
            });
        });

    /// <summary>The optimised logical plan.</summary>
    public static LogicalPlan Plan(string sql, TableCatalog catalog, SqlLimits? limits = null) => DeepStack.Run(() =>
    {
        limits ??= SqlLimits.Default;
        var query = SqlParser.Parse(sql, limits, out var deepestAt);
        return AfterParse(deepestAt, limits, () => Plan(query, catalog, new ColumnIdGenerator(), limits));
    });

    private static LogicalPlan Plan(Query query, TableCatalog catalog, ColumnIdGenerator ids, SqlLimits limits) =>
        LogicalOptimizer.Optimize(Binder.Bind(query, catalog, ids, limits), ids);

    /// <summary>Logical plan, physical plan with exchanges, and stages: what the fabric runs.</summary>
    public static StagedQuery PlanStages(string sql, TableCatalog catalog, PhysicalOptions? options = null) =>
        DeepStack.Run(() => PlanStagesHere(sql, catalog, options ?? new PhysicalOptions()));

    private static StagedQuery PlanStagesHere(string sql, TableCatalog catalog, PhysicalOptions options)
    {
        var query = SqlParser.Parse(sql, options.Limits, out var deepestAt);
        return AfterParse(deepestAt, options.Limits, () =>
        {
            var ids = new ColumnIdGenerator();
            var logical = Plan(query, catalog, ids, options.Limits);
            var physical = new PhysicalPlanner(options, ids).Plan(logical);
            return new StagedQuery(logical, physical, StageSplitter.Split(physical)) { DeepestAt = deepestAt, Limits = options.Limits };
        });
    }

    /// <summary>
    /// Runs the passes after the parser. The parser's and the binder's limit keep a query shallow enough for them
    /// on the planner's stack (<see cref="DeepStack"/>), and each of them checks the stack as it recurses; when one
    /// finds it nearly used up (a task's fragment compiled on a pool thread, or a limit raised too far), that is the
    /// parser's one-line error at the query's deepest point, never a stack overflow, which would end the process.
    /// </summary>
    private static T AfterParse<T>(SourcePosition deepestAt, SqlLimits limits, Func<T> passes)
    {
        try
        {
            return passes();
        }
        catch (InsufficientExecutionStackException)
        {
            throw new SqlNestingException(deepestAt, limits.MaxNestingDepth);
        }
    }

    /// <summary>Runs the staged plan in this process (tasks of a stage in parallel, exchanges in memory).</summary>
    public static QueryResult ExecuteStaged(string sql, TableCatalog catalog, PhysicalOptions? options = null, int maxParallelism = 0)
    {
        var staged = PlanStages(sql, catalog, options);
        return AfterParse(staged.DeepestAt, staged.Limits,
            () => new QueryResult(OutputColumns(staged.Logical), LocalStageScheduler.Run(staged.Stages, maxParallelism)));
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
        AfterParse(staged.DeepestAt, staged.Limits, () =>
        {
            StageRunner.Run(stage, partition, source, sink, cancellation);
            return 0;
        });
    }

    /// <summary>Runs the result stage (the last one, a single task) once all other stages have written their exchanges.</summary>
    public static QueryResult RunResultStage(string sql, TableCatalog catalog, PhysicalOptions options, IExchangeSource source,
        CancellationToken cancellation = default) =>
        RunResultStage(PlanStages(sql, catalog, options), source, cancellation);

    /// <summary>Runs the result stage of an already staged query.</summary>
    public static QueryResult RunResultStage(StagedQuery staged, IExchangeSource source, CancellationToken cancellation = default) =>
        AfterParse(staged.DeepestAt, staged.Limits, () =>
            new QueryResult(staged.Columns, StageRunner.Results(staged.Stages[^1], source, cancellation).Where(b => b.RowCount > 0).ToList()));

    private static Stage FindStage(StagedQuery staged, int stageId) =>
        staged.Stages.FirstOrDefault(s => s.Id == stageId)
        ?? throw new ArgumentOutOfRangeException(nameof(stageId), $"the query has stages 1..{staged.Stages.Count}, not {stageId}");

    /// <summary>EXPLAIN text for <c>orleansflow explain</c>.</summary>
    public static string Explain(string sql, TableCatalog catalog, PhysicalOptions? options = null)
    {
        return DeepStack.Run(() =>
        {
            var staged = PlanStagesHere(sql, catalog, options ?? new PhysicalOptions());
            return AfterParse(staged.DeepestAt, staged.Limits, () => Physical.Explain.Format(staged.Logical, staged.Physical, staged.Stages));
        });
    }

    /// <summary>The bound, unoptimised plan (for tests of the binder and of individual rules).</summary>
    public static LogicalPlan BindOnly(string sql, TableCatalog catalog, SqlLimits? limits = null) => DeepStack.Run(() =>
    {
        limits ??= SqlLimits.Default;
        var query = SqlParser.Parse(sql, limits, out var deepestAt);
        return AfterParse(deepestAt, limits, () => Binder.Bind(query, catalog, new ColumnIdGenerator(), limits));
    });

    public static IReadOnlyList<ColumnInfo> OutputColumns(LogicalPlan plan) => plan.Output.Select(c => c.ToInfo()).ToList();
}
