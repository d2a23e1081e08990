using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Optimizer;

/// <summary>One logical rewrite. Rules must keep the plan's output columns (ids, order) unchanged.</summary>
public interface IOptimizerRule
{
    string Name { get; }
    LogicalPlan Apply(LogicalPlan plan, ColumnIdGenerator ids);
}
