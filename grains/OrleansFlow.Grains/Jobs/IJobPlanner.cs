using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Grains.Jobs;

/// <summary>Turns a job of one kind into stages of tasks.</summary>
public interface IJobPlanner
{
    string Kind { get; }

    /// <summary>Plans the job; throws <see cref="Engine.Input.InputException"/> (or ArgumentException) for input the user must fix.</summary>
    JobPlan Plan(string jobId, JobSpec spec, ulong accessKey, PlanningContext context);
}

/// <param name="LiveSilos">How many silos can run tasks now.</param>
/// <param name="SlotsPerSilo">Concurrent tasks per silo.</param>
/// <param name="WorkDirectory">Where the job may put its output when the spec names no folder.</param>
public sealed record PlanningContext(int LiveSilos, int SlotsPerSilo, string WorkDirectory);
