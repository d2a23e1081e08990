using OrleansFlow.Sql.Binding;
using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Execution;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Optimizer;
using OrleansFlow.Sql.Parsing;
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
    public static LogicalPlan Plan(string sql, TableCatalog catalog)
    {
        var ids = new ColumnIdGenerator();
        var plan = Binder.Bind(SqlParser.Parse(sql), catalog, ids);
        return LogicalOptimizer.Optimize(plan, ids);
    }

    /// <summary>The bound, unoptimised plan (for tests of the binder and of individual rules).</summary>
    public static LogicalPlan BindOnly(string sql, TableCatalog catalog) =>
        Binder.Bind(SqlParser.Parse(sql), catalog, new ColumnIdGenerator());

    public static IReadOnlyList<ColumnInfo> OutputColumns(LogicalPlan plan) => plan.Output.Select(c => c.ToInfo()).ToList();
}
