using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Operators;

/// <summary>Yields batches produced elsewhere (an exchange input, a materialised result).</summary>
public sealed class BatchSourceOperator(IReadOnlyList<SqlType> types, Func<IEnumerable<Batch>> batches) : IBatchOperator
{
    public IReadOnlyList<SqlType> OutputTypes => types;
    public IEnumerable<Batch> Execute() => batches();
}
