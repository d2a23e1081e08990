using OrleansFlow.Rdma.Hosting;

namespace OrleansFlow.Fabric.Drain;

/// <summary>
/// Where a graceful stop (SIGTERM, <c>orleansflow drain</c>, the host stopping) meets the drain: first thing on stop,
/// while the silo is still an active member and serves its grains, the silo drains; its memory tier stops only late
/// in the stop, once its grains have deactivated (a job grain hands its run over first), so copies and readers of the
/// old blocks are served to the end.
/// </summary>
internal sealed class SiloDrainLifecycle(SiloDrain drain, BlockStoreLifetime tier) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(SiloDrain), ServiceLifecycleStage.Active + 1, _ => Task.CompletedTask, async _ => await drain.DrainAsync());
        lifecycle.Subscribe(nameof(BlockStoreLifetime), ServiceLifecycleStage.RuntimeInitialize, _ => Task.CompletedTask, _ => tier.StopAsync());
    }
}
