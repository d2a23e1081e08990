using System.Globalization;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Grains.Jobs;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Physical;

namespace OrleansFlow.Grains.Sql;

/// <summary>
/// A SQL job: the engine's stages (cut where partitioning changes) become the job's stages, one task per partition;
/// a stage depends on the stages that write the exchanges it reads; the last stage writes the result.
/// </summary>
public sealed class SqlPlanner(SqlCatalogCache catalogs) : IJobPlanner
{
    public string Kind => JobKinds.Sql;

    public JobPlan Plan(string jobId, JobSpec spec, ulong accessKey, PlanningContext context)
    {
        var query = spec.Parameters.GetValueOrDefault(SqlTaskParameters.Query) ?? throw new ArgumentException("a SQL job needs the parameter 'query'");
        var data = spec.Parameters.GetValueOrDefault(SqlTaskParameters.Data) ?? throw new ArgumentException("a SQL job needs the parameter 'data'");
        var partitions = spec.Parameters.TryGetValue(SqlTaskParameters.Partitions, out var text)
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : Math.Max(1, context.LiveSilos * context.SlotsPerSilo);
        var common = new Dictionary<string, string>(spec.Parameters)
        {
            [SqlTaskParameters.Partitions] = partitions.ToString(CultureInfo.InvariantCulture),
        };
        StagedQuery staged;
        try
        {
            staged = SqlEngine.PlanStages(query, catalogs.Get(data), SqlTaskParameters.Options(common));
        }
        catch (Exception e) when (e is OrleansFlow.Sql.Parsing.SqlParseException or OrleansFlow.Sql.Binding.SqlBindException
                                      or OrleansFlow.Sql.Execution.SqlExecutionException or InvalidDataException)
        {
            throw new ArgumentException(e.Message, e);
        }

        var producerStage = new Dictionary<int, int>();
        for (var i = 0; i < staged.Stages.Count; i++)
        {
            if (staged.Stages[i].Output is { } exchangeOut)
                producerStage[exchangeOut.Id] = i;
        }
        foreach (var (exchange, stageIndex) in producerStage)
            common[SqlTaskParameters.ProducersKey(exchange)] = staged.Stages[stageIndex].Partitions.ToString(CultureInfo.InvariantCulture);

        var output = spec.OutputDirectory ?? Path.Combine(context.WorkDirectory, "jobs", jobId, "output");
        var plan = new JobPlan { OutputDirectory = output };
        foreach (var stage in staged.Stages)
        {
            if (stage.Output is { } x)
                plan.ShuffleKeys.AddRange(Enumerable.Range(0, x.ConsumerPartitions).Select(p =>
                    Abstractions.Grains.IShufflePartitionGrain.KeyOf(jobId, SqlTaskParameters.ShuffleName(x.Id), p)));
        }
        for (var i = 0; i < staged.Stages.Count; i++)
        {
            var stage = staged.Stages[i];
            var isResult = stage.Output is null;
            var name = isResult ? "result" : $"stage-{stage.Id}";
            var parameters = new Dictionary<string, string>(common) { [SqlTaskParameters.Stage] = stage.Id.ToString(CultureInfo.InvariantCulture) };
            var stagePlan = new StagePlan { Name = name, DependsOn = stage.InputExchanges.Select(x => producerStage[x]).Distinct().ToList() };
            for (var p = 0; p < stage.Partitions; p++)
            {
                stagePlan.Tasks.Add(new TaskSpec
                {
                    JobId = jobId, Stage = name, StageIndex = i, TaskIndex = p, Partition = p,
                    Kernel = isResult ? SqlResultKernel.KernelName : SqlStageKernel.KernelName,
                    Shuffle = spec.Shuffle, AccessKey = accessKey, OutputDirectory = output, Parameters = parameters,
                });
            }
            plan.Stages.Add(stagePlan);
        }
        return plan;
    }
}
