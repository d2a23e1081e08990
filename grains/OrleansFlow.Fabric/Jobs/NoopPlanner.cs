using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Fabric.Scheduling;

namespace OrleansFlow.Fabric.Jobs;

/// <summary>One stage of <see cref="NoopArgs.Tasks"/> no-op tasks, for measuring dispatch.</summary>
public sealed class NoopPlanner : JobPlanner<NoopArgs>
{
    public override string Kind => JobKinds.Noop;

    protected override JobPlan Plan(NoopArgs args, PlanningContext context)
    {
        var stage = new StageBuilder(context, "noop", StageRole.Other, 0, default);
        for (var i = 0; i < args.Tasks; i++)
            stage.Add(NoopTaskKernel.KernelName, new NoopTaskArgs { BurnCpu = args.BurnCpu });
        return new JobPlan { Stages = [stage.Stage] };
    }
}
