using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.Fabric.Shuffle;
using OrleansFlow.Jobs.Sql;
using OrleansFlow.Sql;

namespace OrleansFlow.Jobs.ML;

/// <summary>
/// SQL → ML: takes the place of a SQL job's result stage. Finishes the query from the exchanges the SQL stages left
/// in the block store, turns the rows into features and labels, and caches them as the training partitions (one
/// float32 block per worker in the memory tier, registered with the job's training cache). Nothing is written to
/// files: the epochs read these blocks.
/// </summary>
public sealed class MlFeaturesTaskKernel(SqlTaskInputs inputs, PartitionCache partitions) : ITaskKernel
{
    public const string KernelName = "ml.features";

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var args = task.ArgsAs<MlFeaturesArgs>();
        var p = args.Job;
        var (plan, _, exchange) = await inputs.FetchAsync(task, args.Sql, cancellationToken);
        var result = SqlEngine.RunResultStage(plan.Staged, exchange, cancellationToken);
        var table = SqlFeatureTable.Choose(result.Columns, p.Label).ToMatrix(result, TrainingDataSource.LabelClasses(p));

        long bytesOut = 0;
        for (var w = 0; w < args.Workers; w++)
        {
            var rows = TrainingDataSource.PartitionOf(p, table, w, args.Workers);
            bytesOut += await partitions.StoreAsync(task.JobId, task.AccessKey, task.Shuffle, w, rows, cancellationToken);
        }
        return new KernelResult(result.RowCount, table.Rows, exchange.BytesIn, bytesOut, []);
    }
}
