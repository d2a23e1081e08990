using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Grains.Execution;
using OrleansFlow.Grains.Sql;
using OrleansFlow.Sql;

namespace OrleansFlow.Grains.ML;

/// <summary>
/// SQL → ML: takes the place of a SQL job's result stage. Finishes the query from the exchanges the SQL stages left
/// in the block store, turns the rows into features and labels, and caches them as the training partitions (one
/// float32 block per worker in the memory tier, registered with the job's training cache). Nothing is written to
/// files: the epochs read these blocks.
/// </summary>
public sealed class MlFeaturesTaskKernel(SqlStagedPlans plans, IBlockStoreProvider stores, IGrainFactory grains, PartitionCache partitions) : ITaskKernel
{
    public const string KernelName = "ml.features";

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var p = MlJobParameters.Parse(task.Parameters);
        // The engine blocks on tasks it starts: never run it on a grain's scheduler.
        var plan = await Task.Run(() => plans.Get(task), cancellationToken);
        var exchange = new BlockExchange(task, stores.Get(task.Shuffle), grains, cancellationToken);
        var stages = plan.Staged.Stages;
        await exchange.PrefetchAsync(stages[^1], stages);
        var result = await Task.Run(() => SqlEngine.RunResultStage(plan.Staged, exchange, cancellationToken), cancellationToken);
        var table = SqlFeatureTable.Choose(result.Columns, p.Label).ToMatrix(result);

        long bytesOut = 0;
        for (var w = 0; w < task.Partitions; w++)
        {
            var rows = TrainingDataSource.PartitionOf(p, table, w, task.Partitions);
            bytesOut += await partitions.StoreAsync(task.JobId, task.AccessKey, task.Shuffle, w, rows, cancellationToken);
        }
        return new KernelResult(result.RowCount, table.Rows, exchange.BytesIn, bytesOut, []);
    }
}
