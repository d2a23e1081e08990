using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution;

/// <summary>A pull-based vectorized operator: enumerating it runs it and yields its output batches.</summary>
public interface IBatchOperator
{
    IReadOnlyList<SqlType> OutputTypes { get; }
    IEnumerable<Batch> Execute();
}
