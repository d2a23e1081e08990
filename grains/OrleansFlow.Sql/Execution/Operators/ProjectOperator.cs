using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Operators;

/// <summary>Computes one output column per expression.</summary>
public sealed class ProjectOperator(IBatchOperator input, IReadOnlyList<Func<Batch, Vector>> exprs, IReadOnlyList<SqlType> types)
    : IBatchOperator
{
    public IReadOnlyList<SqlType> OutputTypes => types;

    public IEnumerable<Batch> Execute()
    {
        foreach (var batch in input.Execute())
        {
            var cols = new Vector[exprs.Count];
            for (int i = 0; i < cols.Length; i++) cols[i] = exprs[i](batch);
            yield return new Batch(cols, batch.RowCount);
        }
    }
}
