using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Fabric.Execution;

namespace OrleansFlow.Fabric.Jobs;

/// <summary>A task that does nothing (what is left of its time is the fabric's own dispatch cost), or burns a given
/// amount of CPU in four pieces with an await between them, so the pieces may run on different threads.</summary>
public sealed class NoopTaskKernel : ITaskKernel
{
    public const string KernelName = "noop";

    private const int Pieces = 4;

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var burn = task.ArgsAs<NoopTaskArgs>().BurnCpu;
        if (burn <= TimeSpan.Zero)
            return KernelResult.Empty;
        var piece = (long)(burn.TotalNanoseconds / Pieces);
        for (var i = 0; i < Pieces; i++)
        {
            await Task.Yield();
            var until = ThreadCpuClock.Nanoseconds() + piece;
            while (ThreadCpuClock.Nanoseconds() < until)
                cancellationToken.ThrowIfCancellationRequested();
        }
        return KernelResult.Empty;
    }
}

/// <summary>A no-op task carries only the CPU it should burn.</summary>
[GenerateSerializer, Immutable]
public sealed record NoopTaskArgs : TaskArgs
{
    [Id(0)] public TimeSpan BurnCpu { get; init; }
}
