using System.Globalization;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Grains.Jobs;
using OrleansFlow.Grains.Sql;
using OrleansFlow.Sql;

namespace OrleansFlow.Grains.ML;

/// <summary>
/// An ML training job: one stage of W worker tasks per epoch, each depending on the one before, then one evaluate
/// task. BSP workers wait for each other at every step, so W is capped at the slots the live silos have: a worker
/// left waiting for a slot would hold the others at the barrier forever. With a SQL source the query's stages come
/// first, and its result stage becomes the <c>features</c> stage that caches the training partitions.
/// </summary>
public sealed class MlPlanner(SqlCatalogCache catalogs) : IJobPlanner
{
    /// <summary>Task parameter: the plan index of the stage of epoch 1 (after the SQL stages, if any).</summary>
    public const string FirstEpochStage = "first-epoch-stage";

    public string Kind => JobKinds.MachineLearning;

    public JobPlan Plan(string jobId, JobSpec spec, ulong accessKey, PlanningContext context)
    {
        var p = MlJobParameters.Parse(spec.Parameters);
        var workers = Math.Max(1, Math.Min(p.Workers, context.LiveSilos * context.SlotsPerSilo));
        var plan = p.Source == "sql" ? PlanFeatures(jobId, spec, accessKey, context, p, workers) : new JobPlan();

        var firstEpoch = plan.Stages.Count;
        var parameters = new Dictionary<string, string>(spec.Parameters)
        {
            [FirstEpochStage] = firstEpoch.ToString(CultureInfo.InvariantCulture),
        };
        TaskSpec Task(string stage, int stageIndex, int index, string kernel) => new()
        {
            JobId = jobId, Stage = stage, StageIndex = stageIndex, TaskIndex = index, Kernel = kernel,
            Shuffle = spec.Shuffle, AccessKey = accessKey, Partitions = workers, Parameters = parameters,
        };

        for (var e = 0; e < p.Epochs; e++)
        {
            var stage = new StagePlan { Name = $"epoch {e + 1}", DependsOn = firstEpoch + e == 0 ? [] : [firstEpoch + e - 1] };
            for (var w = 0; w < workers; w++)
                stage.Tasks.Add(Task(stage.Name, firstEpoch + e, w, MlTrainTaskKernel.KernelName));
            plan.Stages.Add(stage);
        }
        var evaluate = new StagePlan { Name = "evaluate", DependsOn = [plan.Stages.Count - 1] };
        evaluate.Tasks.Add(Task("evaluate", plan.Stages.Count, 0, MlEvaluateTaskKernel.KernelName));
        plan.Stages.Add(evaluate);
        return plan;
    }

    /// <summary>The SQL job's stages with its result stage replaced by the features stage; the query's output
    /// columns are checked here, so a bad label fails the job before any task runs.</summary>
    private JobPlan PlanFeatures(string jobId, JobSpec spec, ulong accessKey, PlanningContext context, MlJobParameters p, int workers)
    {
        var sql = new SqlPlanner(catalogs).Plan(jobId, spec, accessKey, context);
        SqlFeatureTable.Choose(SqlEngine.OutputColumns(SqlEngine.Plan(p.Query!, catalogs.Get(p.DataPath!))), p.Label);
        var result = sql.Stages[^1];
        result.Name = "features";
        result.Tasks = result.Tasks.Select(t => t with
        {
            Stage = result.Name, Kernel = MlFeaturesTaskKernel.KernelName, OutputDirectory = null, Partitions = workers,
        }).ToList();
        sql.OutputDirectory = null; // the feature table stays in the memory tier
        return sql;
    }
}
