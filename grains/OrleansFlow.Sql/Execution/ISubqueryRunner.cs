using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution;

/// <summary>Runs an uncorrelated subquery plan to completion (once per query; callers cache).</summary>
public interface ISubqueryRunner
{
    Batch Run(LogicalPlan plan);
}
