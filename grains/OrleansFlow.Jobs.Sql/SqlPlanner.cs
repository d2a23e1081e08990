using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Fabric.Scheduling;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Physical;

namespace OrleansFlow.Jobs.Sql;

/// <summary>
/// A SQL job: the engine's stages (cut where partitioning changes) become the job's stages, one task per partition;
/// a stage depends on the stages that write the exchanges it reads; the last stage writes the result.
/// </summary>
public sealed class SqlPlanner(SqlCatalogCache catalogs) : JobPlanner<SqlArgs>
{
    public override string Kind => JobKinds.Sql;

    protected override JobPlan Plan(SqlArgs args, PlanningContext context) => PlanStages(args, context);

    /// <summary>The job's stages; the last one is the result stage (which the ML kind replaces by its features stage).</summary>
    public JobPlan PlanStages(SqlArgs args, PlanningContext context)
    {
        context.Limits.CheckPartitions("--partitions", args.Partitions);
        var partitions = args.Partitions > 0 ? args.Partitions : Math.Max(1, context.LiveSilos * context.SlotsPerSilo);
        var common = new SqlTaskArgs(args.Query, args.DataDirectory, partitions, args.BroadcastRowLimit, StageId: 0, Partition: 0, Producers: [], OutputDirectory: null)
        {
            MaxNestingDepth = context.Limits.MaxQueryNesting,
        };
        StagedQuery staged;
        try
        {
            staged = SqlEngine.PlanStages(args.Query, catalogs.Get(args.DataDirectory), common.Options);
        }
        catch (Exception e) when (e is OrleansFlow.Sql.Parsing.SqlParseException or OrleansFlow.Sql.Parsing.SqlNestingException or OrleansFlow.Sql.Binding.SqlBindException
                                      or OrleansFlow.Sql.Execution.SqlExecutionException or InvalidDataException)
        {
            throw new ArgumentException(e.Message, e);
        }

        context.Limits.CheckStages("the query", staged.Stages.Count);
        var producers = new List<SqlExchangeProducer>();
        for (var i = 0; i < staged.Stages.Count; i++)
        {
            if (staged.Stages[i].Output is { } exchangeOut)
                producers.Add(new SqlExchangeProducer(exchangeOut.Id, i, staged.Stages[i].Partitions));
        }

        var output = args.OutputDirectory ?? context.DefaultOutputDirectory;
        var plan = new JobPlan { OutputDirectory = output };
        foreach (var stage in staged.Stages)
        {
            if (stage.Output is { } x)
                plan.ShuffleKeys.AddRange(Enumerable.Range(0, x.ConsumerPartitions).Select(p =>
                    IShufflePartitionGrain.KeyOf(context.JobId, SqlTaskArgs.ShuffleName(x.Id), p)));
        }
        for (var i = 0; i < staged.Stages.Count; i++)
        {
            var stage = staged.Stages[i];
            var isResult = stage.Output is null;
            var builder = new StageBuilder(context, isResult ? "result" : $"stage-{stage.Id}", isResult ? StageRole.Result : StageRole.Query, i, args.Shuffle)
                .DependsOn(stage.InputExchanges.Select(x => producers.First(p => p.ExchangeId == x).PlanStage).Distinct().ToArray());
            for (var p = 0; p < stage.Partitions; p++)
            {
                builder.Add(isResult ? SqlResultKernel.KernelName : SqlStageKernel.KernelName,
                    common with { StageId = stage.Id, Partition = p, Producers = producers, OutputDirectory = isResult ? output : null });
            }
            plan.Stages.Add(builder.Stage);
        }
        return plan;
    }
}
