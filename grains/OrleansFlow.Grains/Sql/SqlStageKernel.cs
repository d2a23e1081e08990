using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Grains.Execution;
using OrleansFlow.Sql;

namespace OrleansFlow.Grains.Sql;

/// <summary>One partition of one SQL stage: takes the job's staged plan (planned once per silo), runs the stage's fragment, and
/// stores its output exchange in the block store.</summary>
public sealed class SqlStageKernel(SqlStagedPlans plans, IBlockStoreProvider stores, IGrainFactory grains) : ITaskKernel
{
    public const string KernelName = "sql.stage";

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var stageId = SqlTaskParameters.Read(task).StageId;
        // The engine blocks on tasks it starts: never run it on a grain's scheduler.
        var plan = await Task.Run(() => plans.Get(task), cancellationToken);
        var stages = plan.Staged.Stages;
        var stage = stages.First(s => s.Id == stageId);
        var output = stage.Output ?? throw new InvalidOperationException($"stage {stageId} is the result stage");
        var exchange = new BlockExchange(task, stores.Get(task.Shuffle), grains, cancellationToken);
        await exchange.PrefetchAsync(stage, stages);
        // The engine works synchronously: off the grain's turn.
        await Task.Run(() => SqlEngine.RunTask(plan.Staged, stageId, task.Partition, exchange, exchange, cancellationToken), cancellationToken);
        var bytesOut = await exchange.FlushAsync(output.Id, output.ConsumerPartitions);
        return new KernelResult(0, 0, exchange.BytesIn, bytesOut, []);
    }
}
