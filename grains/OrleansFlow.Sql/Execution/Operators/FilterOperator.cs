using OrleansFlow.Sql.Execution.Expressions;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Operators;

/// <summary>Keeps the rows where the predicate is TRUE.</summary>
public sealed class FilterOperator(IBatchOperator input, Func<Batch, Vector> predicate) : IBatchOperator
{
    public IReadOnlyList<SqlType> OutputTypes => input.OutputTypes;

    public IEnumerable<Batch> Execute()
    {
        foreach (var batch in input.Execute())
        {
            var selected = LogicKernels.Selection(predicate(batch), out bool all);
            if (all) yield return batch;
            else if (selected.Length > 0) yield return batch.Gather(selected);
        }
    }
}
