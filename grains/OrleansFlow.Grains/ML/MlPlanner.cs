using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Grains.Jobs;

namespace OrleansFlow.Grains.ML;

/// <summary>
/// An ML training job: one stage of W worker tasks per epoch, each depending on the one before, then one evaluate
/// task. BSP workers wait for each other at every step, so W is capped at the slots the live silos have: a worker
/// left waiting for a slot would hold the others at the barrier forever.
/// </summary>
public sealed class MlPlanner : IJobPlanner
{
    public string Kind => JobKinds.MachineLearning;

    public JobPlan Plan(string jobId, JobSpec spec, ulong accessKey, PlanningContext context)
    {
        var p = MlJobParameters.Parse(spec.Parameters);
        var workers = Math.Max(1, Math.Min(p.Workers, context.LiveSilos * context.SlotsPerSilo));

        TaskSpec Task(string stage, int stageIndex, int index, string kernel) => new()
        {
            JobId = jobId, Stage = stage, StageIndex = stageIndex, TaskIndex = index, Kernel = kernel,
            Shuffle = spec.Shuffle, AccessKey = accessKey, Partitions = workers, Parameters = spec.Parameters,
        };

        var plan = new JobPlan();
        for (var e = 0; e < p.Epochs; e++)
        {
            var stage = new StagePlan { Name = $"epoch {e + 1}", DependsOn = e == 0 ? [] : [e - 1] };
            for (var w = 0; w < workers; w++)
                stage.Tasks.Add(Task(stage.Name, e, w, MlTrainTaskKernel.KernelName));
            plan.Stages.Add(stage);
        }
        var evaluate = new StagePlan { Name = "evaluate", DependsOn = [p.Epochs - 1] };
        evaluate.Tasks.Add(Task("evaluate", p.Epochs, 0, MlEvaluateTaskKernel.KernelName));
        plan.Stages.Add(evaluate);
        return plan;
    }
}
