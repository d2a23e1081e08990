using System.Globalization;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Grains.Kernels;

namespace OrleansFlow.Grains.Jobs;

/// <summary>One stage of <c>tasks</c> no-op tasks (default 1), for measuring dispatch.</summary>
public sealed class NoopPlanner : IJobPlanner
{
    public string Kind => JobKinds.Noop;

    public JobPlan Plan(string jobId, JobSpec spec, ulong accessKey, PlanningContext context)
    {
        var tasks = 1;
        if (spec.Parameters.TryGetValue("tasks", out var text) && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out tasks) || tasks < 1))
            throw new ArgumentException($"parameter tasks must be a positive whole number (was '{text}')");
        var stage = new StagePlan { Name = "noop" };
        for (var i = 0; i < tasks; i++)
            stage.Tasks.Add(new TaskSpec { JobId = jobId, Stage = "noop", TaskIndex = i, Kernel = NoopTaskKernel.KernelName, AccessKey = accessKey });
        return new JobPlan { Stages = [stage] };
    }
}
