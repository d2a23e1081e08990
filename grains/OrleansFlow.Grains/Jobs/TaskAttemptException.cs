namespace OrleansFlow.Grains.Jobs;

/// <summary>One attempt of a task failed; the message is the task's own error.</summary>
public sealed class TaskAttemptException(string message, string silo) : Exception(message)
{
    public string Silo { get; } = silo;
}
