namespace OrleansFlow.Grains.Kernels;

/// <summary>
/// Shuffle data a task needs is gone (the silo that held it died). The job reacts by running the producing stage
/// again; the message starts with <see cref="Marker"/> so the job can tell this failure from the task's own.
/// </summary>
public sealed class ShuffleDataLostException(string detail) : Exception($"{Marker}: {detail}")
{
    public const string Marker = "shuffle data lost";
}
