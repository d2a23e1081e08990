using OrleansFlow.Fabric.Hosting;

namespace OrleansFlow.Jobs.Sort;

/// <summary>
/// Threads one sort task may use for partitioning or sorting: the silo's cores shared by its task slots. A task that
/// took every core while its neighbours did too would oversubscribe the thread pool Orleans itself runs on (the silos
/// logged pool stalls of seconds during sorts).
/// </summary>
internal static class KernelParallelism
{
    public static int PerTask(OrleansFlowOptions options) =>
        Math.Max(1, Environment.ProcessorCount / Math.Max(1, options.TaskSlotsPerSilo));
}
