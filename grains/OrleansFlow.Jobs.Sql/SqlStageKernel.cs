using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.Fabric.Shuffle;
using OrleansFlow.Sql;

namespace OrleansFlow.Jobs.Sql;

/// <summary>One partition of one SQL stage: takes the job's staged plan (planned once per silo), runs the stage's fragment, and
/// stores its output exchange in the block store.</summary>
public sealed class SqlStageKernel(SqlTaskInputs inputs) : ITaskKernel
{
    public const string KernelName = "sql.stage";

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var args = task.ArgsAs<SqlTaskArgs>();
        var (plan, stage, exchange) = await inputs.FetchAsync(task, args, cancellationToken);
        var output = stage.Output ?? throw new InvalidOperationException($"stage {args.StageId} is the result stage");
        SqlEngine.RunTask(plan.Staged, args.StageId, args.Partition, exchange, exchange, cancellationToken);
        var bytesOut = await exchange.FlushAsync(output.Id, output.ConsumerPartitions);
        return new KernelResult(0, 0, exchange.BytesIn, bytesOut, []);
    }
}
