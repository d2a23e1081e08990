using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Fabric.Shuffle;

/// <summary>
/// Shuffle data a task needs is gone (the silo that held it died). The task fails as
/// <see cref="TaskFailureKind.ShuffleDataLost"/> naming <see cref="LostInputs"/>, and the job runs those producers again.
/// </summary>
public sealed class ShuffleDataLostException(string detail, IReadOnlyList<TaskRef> lostInputs) : Exception($"shuffle data lost: {detail}")
{
    public ShuffleDataLostException(string detail) : this(detail, []) { }

    /// <summary>The producing tasks whose output is missing; empty when the reader could not tell.</summary>
    public IReadOnlyList<TaskRef> LostInputs { get; } = lostInputs;
}
