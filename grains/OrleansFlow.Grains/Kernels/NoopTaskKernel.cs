using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Grains.Execution;

namespace OrleansFlow.Grains.Kernels;

/// <summary>A task that does nothing: what is left of its time is the fabric's own dispatch cost.</summary>
public sealed class NoopTaskKernel : ITaskKernel
{
    public const string KernelName = "noop";

    public string Name => KernelName;

    public Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken) => Task.FromResult(KernelResult.Empty);
}
