using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Fabric.Execution;

namespace OrleansFlow.Fabric.Jobs;

/// <summary>A task that does nothing: what is left of its time is the fabric's own dispatch cost.</summary>
public sealed class NoopTaskKernel : ITaskKernel
{
    public const string KernelName = "noop";

    public string Name => KernelName;

    public Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken) => Task.FromResult(KernelResult.Empty);
}

/// <summary>A no-op task carries nothing.</summary>
[GenerateSerializer, Immutable]
public sealed record NoopTaskArgs : TaskArgs;
