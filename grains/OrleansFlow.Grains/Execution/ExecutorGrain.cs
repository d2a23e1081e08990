using Orleans.Concurrency;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Grains.Code;
using OrleansFlow.Grains.Placement;
using OrleansFlow.Rdma.DataPlane;

namespace OrleansFlow.Grains.Execution;

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
    Microsoft.Extensions.Options.IOptions<Rdma.BlockStoreOptions> blockStoreOptions) : Grain, IExecutorGrain
{
    public async Task<TaskReport> Run(TaskSpec task)
    {
        await counters.SlotGate.WaitAsync();
        counters.Started();
        var succeeded = false;
        try
        {
            var report = await GrainFactory.GetGrain<ITaskWorkerGrain>(0).Execute(task);
            succeeded = report.Succeeded;
            return report;
        }
        finally
        {
            counters.Finished(succeeded);
            counters.SlotGate.Release();
        }
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

    public async Task<IReadOnlyList<TierBenchmarkRow>> BenchmarkTier(TierBenchmarkRequest request)
    {
        var options = new Rdma.Benchmarks.TierBenchmarkOptions
        {
            BlockSizes = request.BlockSizes,
            TotalBytes = request.TotalBytes,
            Targets = request.Targets.Count > 0 ? request.Targets : Rdma.Benchmarks.TierBenchmark.AllTargets,
            RedisConfiguration = blockStoreOptions.Value.RedisConfiguration,
        };
        // Off the grain's turn: the measurement is long and CPU-bound.
        var results = await Task.Run(() => Rdma.Benchmarks.TierBenchmark.RunAsync(options));
        return results.Select(r => new TierBenchmarkRow(r.Target, r.BlockSize, r.Bytes, r.WriteGBps, r.ReadGBps, r.BlocksPerBatch, r.LoadAverage)).ToList();
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
    });
}
