using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Operators;

/// <summary>A single row without columns (SELECT without FROM).</summary>
public sealed class OneRowOperator : IBatchOperator
{
    public IReadOnlyList<SqlType> OutputTypes => [];
    public IEnumerable<Batch> Execute() { yield return new Batch([], 1); }
}
