using Orleans.Concurrency;
using Microsoft.Extensions.Hosting;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Fabric.Code;
using OrleansFlow.Fabric.Drain;
using OrleansFlow.Fabric.Hosting;
using Microsoft.Extensions.Options;
using OrleansFlow.Fabric.Placement;
using OrleansFlow.Rdma.DataPlane;

namespace OrleansFlow.Fabric.Execution;

/// <summary>
/// The per-silo entry for work: pinned to its silo by its key, it admits tasks within the silo's slot limit and
/// hands each to a local stateless task worker.
/// </summary>
[Reentrant]
[SiloPinnedPlacement]
public sealed class ExecutorGrain(
    SiloTaskCounters counters,
    JobCancellations cancellations,
    ProgramLoader programs,
    IBlockStoreProvider stores,
    ILocalSiloDetails silo,
    DataPlaneEndpoint dataPlane,
    SiloDrain drain,
    IHostApplicationLifetime lifetime,
    IOptions<OrleansFlowOptions> options) : Grain, IExecutorGrain
{
    private SiloRole Role => options.Value.Role;

    public async Task<TaskReport> Run(TaskSpec task)
    {
        if (Role == SiloRole.Memory)
            return Refused(task, $"silo {silo.SiloAddress} runs no tasks (role memory)");
        if (drain.IsDraining)
            return Refused(task, $"silo {silo.SiloAddress} is draining");
        var queued = System.Diagnostics.Stopwatch.StartNew();
        await counters.SlotGate.WaitAsync(task.JobId);
        queued.Stop();
        counters.Started();
        // After Started: the drain either sees this task running or the task sees the drain.
        if (drain.IsDraining)
        {
            counters.Abandoned();
            counters.SlotGate.Release(task.JobId);
            return Refused(task, $"silo {silo.SiloAddress} is draining");
        }
        var succeeded = false;
        try
        {
            var report = await GrainFactory.GetGrain<ITaskWorkerGrain>(0).Execute(task);
            succeeded = report.Succeeded;
            return report with { QueuedFor = report.QueuedFor + queued.Elapsed };
        }
        finally
        {
            counters.Finished(succeeded);
            counters.SlotGate.Release(task.JobId);
        }
    }

    private TaskReport Refused(TaskSpec task, string why) => new()
    {
        Stage = task.Stage, TaskIndex = task.TaskIndex, Attempt = task.Attempt, Silo = silo.SiloAddress.ToParsableString(), StartedAt = DateTimeOffset.UtcNow,
        Failure = new TaskFailure(TaskFailureKind.Refused, why),
    };

    public async Task<SiloDrainSummary> Drain()
    {
        var summary = await drain.DrainAsync();
        // The stop runs the rest of the shutdown (and finds the drain done); the caller gets its answer first.
        _ = Task.Run(lifetime.StopApplication);
        return summary;
    }

    public Task CancelJob(string jobId)
    {
        cancellations.Cancel(jobId);
        return Task.CompletedTask;
    }

    public async Task ReleaseJob(string jobId)
    {
        cancellations.Forget(jobId);
        programs.Unload(jobId);
        foreach (var store in stores.All)
            await store.FreeJobAsync(jobId);
    }

    public Task<SiloStats> GetStats() => Task.FromResult(new SiloStats
    {
        Silo = silo.SiloAddress.ToParsableString(),
        DataEndpoint = dataPlane.Endpoint,
        TaskSlots = counters.Slots,
        RunningTasks = counters.Running,
        TasksCompleted = counters.Completed,
        TasksFailed = counters.Failed,
        Stores = stores.All.Select(s => s.GetUsage()).ToList(),
        Draining = drain.IsDraining,
        Role = Role,
    });
}
