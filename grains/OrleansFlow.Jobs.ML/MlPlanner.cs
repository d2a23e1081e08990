using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Fabric.Scheduling;
using OrleansFlow.Jobs.Sql;
using OrleansFlow.Sql;

namespace OrleansFlow.Jobs.ML;

/// <summary>
/// An ML training job: one stage of W worker tasks per epoch, each depending on the one before, then one evaluate
/// task. BSP workers wait for each other at every step, so W is capped at the slots the live silos have: a worker
/// left waiting for a slot would hold the others at the barrier forever. With a SQL source the query's stages come
/// first, and its result stage becomes the <c>features</c> stage that caches the training partitions.
/// </summary>
public sealed class MlPlanner(SqlPlanner sql, SqlCatalogCache catalogs) : JobPlanner<MlArgs>
{
    public override string Kind => JobKinds.MachineLearning;

    protected override JobPlan Plan(MlArgs args, PlanningContext context)
    {
        var workers = Math.Max(1, Math.Min(args.Workers, context.LiveSilos * context.SlotsPerSilo));
        var plan = args.Source == "sql" ? PlanFeatures(args, context, workers) : new JobPlan();

        var firstEpoch = plan.Stages.Count;
        // One stage per epoch plus the evaluation: counted before they are made.
        context.Limits.CheckStages($"--epochs {args.Epochs}", firstEpoch + (long)args.Epochs + 1);
        for (var e = 0; e < args.Epochs; e++)
        {
            var stage = new StageBuilder(context, $"epoch {e + 1}", StageRole.Epoch, firstEpoch + e, args.Shuffle);
            if (firstEpoch + e > 0)
                stage.DependsOn(firstEpoch + e - 1);
            for (var w = 0; w < workers; w++)
                stage.Add(MlTrainTaskKernel.KernelName, new MlWorkerArgs(args, e + 1, workers));
            plan.Stages.Add(stage.Stage);
        }
        var evaluate = new StageBuilder(context, "evaluate", StageRole.Evaluate, plan.Stages.Count, args.Shuffle).DependsOn(plan.Stages.Count - 1)
            .Add(MlEvaluateTaskKernel.KernelName, new MlWorkerArgs(args, args.Epochs, workers));
        plan.Stages.Add(evaluate.Stage);
        return plan;
    }

    /// <summary>The SQL job's stages with its result stage replaced by the features stage; the query's output
    /// columns are checked here, so a bad label fails the job before any task runs.</summary>
    private JobPlan PlanFeatures(MlArgs args, PlanningContext context, int workers)
    {
        var query = new SqlArgs { Query = args.Query!, DataDirectory = args.DataPath!, Partitions = args.SqlPartitions, Shuffle = args.Shuffle };
        var plan = sql.PlanStages(query, context);
        SqlFeatureTable.Choose(SqlEngine.OutputColumns(SqlEngine.Plan(args.Query!, catalogs.Get(args.DataPath!))), args.Label);
        var result = plan.Stages[^1];
        result.Name = "features";
        result.Role = StageRole.Features;
        result.Tasks = result.Tasks.Select(t => t with
        {
            Stage = result.Name,
            Kernel = MlFeaturesTaskKernel.KernelName,
            Args = new MlFeaturesArgs(args, t.ArgsAs<SqlTaskArgs>() with { OutputDirectory = null }, workers),
        }).ToList();
        plan.OutputDirectory = null; // the feature table stays in the memory tier
        return plan;
    }
}
