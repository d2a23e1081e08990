using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Operators;

/// <summary>Skips <c>offset</c> rows, then passes at most <c>limit</c> rows and stops pulling.</summary>
public sealed class LimitOperator(IBatchOperator input, long? limit, long offset) : IBatchOperator
{
    public IReadOnlyList<SqlType> OutputTypes => input.OutputTypes;

    public IEnumerable<Batch> Execute()
    {
        long toSkip = offset;
        long remaining = limit ?? long.MaxValue;
        if (remaining == 0) yield break;
        foreach (var batch in input.Execute())
        {
            int start = (int)Math.Min(toSkip, batch.RowCount);
            toSkip -= start;
            int take = (int)Math.Min(remaining, batch.RowCount - start);
            if (take <= 0) continue;
            if (start == 0 && take == batch.RowCount) yield return batch;
            else
            {
                var rows = new int[take];
                for (int i = 0; i < take; i++) rows[i] = start + i;
                yield return batch.Gather(rows);
            }
            remaining -= take;
            if (remaining == 0) yield break;
        }
    }
}
