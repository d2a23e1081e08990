using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Physical;

/// <summary>
/// Runs a staged plan inside this process: stages in order, the tasks of a stage in parallel, exchanges in
/// memory. The fabric's job grain does the same with tasks as grains and exchanges in the memory tier.
/// </summary>
public static class LocalStageScheduler
{
    public static List<Batch> Run(IReadOnlyList<Stage> stages, int maxParallelism = 0)
    {
        var exchange = new InMemoryExchange();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount };
        foreach (var stage in stages)
        {
            if (stage.Output is null) return StageRunner.Results(stage, exchange).Where(b => b.RowCount > 0).ToList();
            Parallel.For(0, stage.Partitions, parallel, p => StageRunner.Run(stage, p, exchange, exchange));
        }
        throw new InvalidOperationException("a staged plan must end with a result stage");
    }
}
