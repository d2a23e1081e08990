using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Fabric.Shuffle;
using OrleansFlow.Sql.Physical;

namespace OrleansFlow.Jobs.Sql;

/// <summary>What every SQL task starts with: the job's staged plan (planned once per silo), the task's stage, and its
/// input exchanges fetched before the engine runs (see <see cref="BlockExchange"/>).</summary>
public sealed class SqlTaskInputs(SqlStagedPlans plans, IBlockStoreProvider stores, ShuffleRegistry shuffles)
{
    public async Task<SqlTaskContext> FetchAsync(TaskSpec task, SqlTaskArgs args, CancellationToken cancellationToken)
    {
        var plan = plans.Get(task.JobId, args);
        var stages = plan.Staged.Stages;
        var stage = stages.First(s => s.Id == args.StageId);
        var exchange = new BlockExchange(task, args, stores.Get(task.Shuffle), shuffles, cancellationToken);
        await exchange.PrefetchAsync(stage, stages);
        return new SqlTaskContext(plan, stage, exchange);
    }
}

/// <summary>A SQL task's plan, stage and exchange, its inputs already fetched.</summary>
public sealed record SqlTaskContext(SqlJobPlan Plan, Stage Stage, BlockExchange Exchange);
