using OrleansFlow.Sql.Execution.Window;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Operators;

/// <summary>
/// Computes the window functions of one window (shared PARTITION BY and ORDER BY): materialises its input, sorts it
/// by partition then order keys, and appends one column per function. Output rows come in that sorted order.
/// </summary>
public sealed class WindowOperator(IBatchOperator input, IReadOnlyList<Func<Batch, Vector>> partitionKeys, IReadOnlyList<SortSpec> orderKeys,
    IReadOnlyList<WindowFunctionCall> functions, IReadOnlyList<IReadOnlyList<Func<Batch, Vector>>> arguments) : IBatchOperator
{
    public IReadOnlyList<SqlType> OutputTypes { get; } = [.. input.OutputTypes, .. functions.Select(f => f.Type)];

    public IEnumerable<Batch> Execute()
    {
        var parts = input.Execute().Where(b => b.RowCount > 0).ToList();
        if (parts.Count == 0) yield break;
        var rows = WindowRows.Sort(Batch.Concat(input.OutputTypes, parts), partitionKeys, orderKeys);
        var columns = new List<Vector>(rows.Sorted.Columns);
        // Functions with the same frame share its bounds (sum and count over one frame, say).
        var frames = new Dictionary<string, FrameBounds>();
        Vector? orderKey = orderKeys.Count == 1 ? orderKeys[0].Key(rows.Sorted) : null;
        for (int f = 0; f < functions.Count; f++)
        {
            var call = functions[f];
            var args = arguments[f].Select(a => a(rows.Sorted)).ToList();
            FrameBounds? bounds = null;
            if (call.UsesFrame)
            {
                string key = call.Frame.ToString();
                if (!frames.TryGetValue(key, out bounds))
                    frames[key] = bounds = FrameBounds.Compute(call.Frame, rows, orderKey, orderKeys.Count == 1 ? orderKeys[0] : null);
            }
            columns.Add(call.Function switch
            {
                WindowFunction.RowNumber or WindowFunction.Rank or WindowFunction.DenseRank or WindowFunction.PercentRank
                    or WindowFunction.CumeDist or WindowFunction.Ntile => RankingFunctions.Evaluate(call.Function, rows, args.Count > 0 ? args[0] : null),
                WindowFunction.Lag or WindowFunction.Lead or WindowFunction.FirstValue or WindowFunction.LastValue or WindowFunction.NthValue =>
                    NavigationFunctions.Evaluate(call.Function, rows, bounds, args),
                _ => WindowAggregates.Evaluate(call, bounds!, args.Count > 0 ? args[0] : null, rows.Count),
            });
        }
        foreach (var batch in new Batch(columns, rows.Count).Split(Batch.PreferredRows)) yield return batch;
    }
}
