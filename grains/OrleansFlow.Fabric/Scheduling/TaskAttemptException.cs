using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Fabric.Scheduling;

/// <summary>One attempt of a task failed; the message is the task's own error, the failure says what kind.</summary>
public sealed class TaskAttemptException(TaskFailure failure, string silo) : Exception(failure.Message)
{
    public TaskFailure Failure { get; } = failure;

    public string Silo { get; } = silo;
}
