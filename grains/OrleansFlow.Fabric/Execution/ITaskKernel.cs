using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Fabric.Execution;

/// <summary>The code behind one kind of task (map, reduce, ...), run by a task worker on its silo.</summary>
public interface ITaskKernel
{
    /// <summary>The name tasks use to ask for this kernel (<see cref="TaskSpec.Kernel"/>).</summary>
    string Name { get; }

    Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken);
}

/// <summary>What a kernel did, for the task's report.</summary>
public sealed record KernelResult(long RecordsIn, long RecordsOut, long BytesIn, long BytesOut, IReadOnlyList<string> OutputFiles)
{
    public static KernelResult Empty { get; } = new(0, 0, 0, 0, []);
}
