using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Fabric.Scheduling;

/// <summary>Turns a job of one kind into stages of tasks.</summary>
public interface IJobPlanner
{
    /// <summary>The kind of job it plans (<see cref="JobArgs.Kind"/>).</summary>
    string Kind { get; }

    /// <summary>Plans the job; throws <see cref="Engine.Input.InputException"/> (or ArgumentException) for input the user must fix.</summary>
    JobPlan Plan(JobSpec spec, PlanningContext context);
}

/// <summary>A planner of one kind's typed arguments.</summary>
public abstract class JobPlanner<TArgs> : IJobPlanner where TArgs : JobArgs
{
    public abstract string Kind { get; }

    public JobPlan Plan(JobSpec spec, PlanningContext context)
    {
        var args = spec.Args as TArgs
            ?? throw new ArgumentException($"a {Kind} job needs {typeof(TArgs).Name}, not {spec.Args.GetType().Name}");
        args.Validate();
        return Plan(args, context);
    }

    protected abstract JobPlan Plan(TArgs args, PlanningContext context);
}

/// <param name="JobId">The job being planned.</param>
/// <param name="AccessKey">The job's key to its blocks, carried by every task.</param>
/// <param name="LiveSilos">How many silos can run tasks now.</param>
/// <param name="SlotsPerSilo">Concurrent tasks per silo.</param>
/// <param name="WorkDirectory">Where the job may put its output when it names no folder.</param>
public sealed record PlanningContext(string JobId, ulong AccessKey, int LiveSilos, int SlotsPerSilo, string WorkDirectory)
{
    /// <summary>How big a plan the job may have; planners check before they allocate.</summary>
    public PlanLimits Limits { get; init; } = PlanLimits.Default;

    /// <summary>The folder a job writes to when its arguments name none.</summary>
    public string DefaultOutputDirectory => Path.Combine(WorkDirectory, "jobs", JobId, "output");
}
