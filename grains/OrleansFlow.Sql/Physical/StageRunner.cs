using OrleansFlow.Sql.Execution;
using OrleansFlow.Sql.Execution.Hashing;
using OrleansFlow.Sql.Execution.Operators;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Physical;

/// <summary>
/// Runs one task: one partition of one stage. It needs no cluster: inputs come from an <see cref="IExchangeSource"/>,
/// outputs go to an <see cref="IExchangeSink"/> (or are returned, for the last stage).
/// </summary>
public static class StageRunner
{
    /// <summary>Runs the task and routes its output rows to the stage's output exchange.</summary>
    public static void Run(Stage stage, int partition, IExchangeSource source, IExchangeSink sink, CancellationToken cancellation = default)
    {
        var output = stage.Output ?? throw new InvalidOperationException($"stage {stage.Id} is the result stage; use Results");
        var columns = stage.Fragment.Output.Select(c => c.ToInfo()).ToList();
        var planner = Planner(stage, partition, source, cancellation);
        var keyExprs = output.Keys.Select(planner.Compiler(stage.Fragment.Output).Compile).ToArray();
        foreach (var batch in planner.Build(stage.Fragment).Execute())
        {
            cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount == 0) continue;
            if (output.Kind != ExchangeKind.HashRepartition || output.ConsumerPartitions == 1)
            {
                sink.Write(output.Id, 0, ArrowConversion.ToRecordBatch(columns, batch));
                continue;
            }
            var keys = keyExprs.Select(k => k(batch)).ToArray();
            var hashes = KeyHasher.Hash(keys, batch.RowCount);
            var targets = new List<int>[output.ConsumerPartitions];
            for (int r = 0; r < batch.RowCount; r++)
                (targets[(int)(hashes[r] % (ulong)output.ConsumerPartitions)] ??= []).Add(r);
            for (int p = 0; p < targets.Length; p++)
            {
                if (targets[p] is { } rows) sink.Write(output.Id, p, ArrowConversion.ToRecordBatch(columns, batch.Gather(rows.ToArray())));
            }
        }
    }

    /// <summary>Runs the result stage's single task and returns its batches.</summary>
    public static IEnumerable<Batch> Results(Stage stage, IExchangeSource source, CancellationToken cancellation = default) =>
        Planner(stage, 0, source, cancellation).Build(stage.Fragment).Execute();

    private static LocalPlanner Planner(Stage stage, int partition, IExchangeSource source, CancellationToken cancellation)
    {
        return new LocalPlanner(partition, stage.Partitions, Extension, cancellation);

        IBatchOperator? Extension(LogicalPlan node, LocalPlanner planner) => node switch
        {
            // Whole tables, whichever partition this task is.
            ReplicatedNode r => new LocalPlanner(0, 1, Extension, cancellation).Build(r.Input),
            ExchangeSourceNode x => new BatchSourceOperator(x.Columns.Select(c => c.Type).ToList(),
                // A broadcast is written once (partition 0) and read whole by every consumer partition.
                () => source.Read(x.ExchangeId, x.Kind == ExchangeKind.HashRepartition ? partition : 0)
                    .Select(rb =>
                    {
                        cancellation.ThrowIfCancellationRequested();
                        return ArrowConversion.FromRecordBatch(rb, x.Columns.Select(c => c.ToInfo()).ToList());
                    })),
            PartialAggregateNode p => Aggregate(p.Aggregate, planner.Build(p.Input), planner, p.Input.Output, AggregateMode.Partial),
            FinalAggregateNode f => Aggregate(f.Aggregate, planner.Build(f.Input), planner, f.Input.Output, AggregateMode.Final),
            _ => null,
        };
    }

    private static HashAggregateOperator Aggregate(AggregateNode a, IBatchOperator input, LocalPlanner planner,
        IReadOnlyList<PlanColumn> inputColumns, AggregateMode mode)
    {
        var groupTypes = a.Groups.Select(g => g.Type).ToList();
        if (mode == AggregateMode.Final)
            return new HashAggregateOperator(input, [], groupTypes, a.Aggregates, a.Aggregates.Select(_ => (Func<Batch, Vector>?)null).ToList(), a.GroupingSets, mode);
        var compiler = planner.Compiler(inputColumns);
        return new HashAggregateOperator(input, a.Groups.Select(compiler.Compile).ToList(), groupTypes, a.Aggregates,
            a.Aggregates.Select(c => c.Argument is null ? null : compiler.Compile(c.Argument)).ToList(), a.GroupingSets, mode);
    }
}
