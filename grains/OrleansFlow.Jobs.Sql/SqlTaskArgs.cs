using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Physical;

namespace OrleansFlow.Jobs.Sql;

/// <summary>What every task of a SQL job carries: the query, the data folder and the physical options — enough for a
/// worker to re-plan the query deterministically — which stage and partition it runs, and who writes each exchange.</summary>
[GenerateSerializer, Immutable]
public sealed record SqlTaskArgs(
    [property: Id(0)] string Query,
    [property: Id(1)] string DataDirectory,
    [property: Id(2)] int Partitions,
    [property: Id(3)] double? BroadcastRowLimit,
    [property: Id(4)] int StageId,
    [property: Id(5)] int Partition,
    [property: Id(6)] IReadOnlyList<SqlExchangeProducer> Producers,
    [property: Id(7)] string? OutputDirectory) : TaskArgs
{
    /// <summary>The nesting limit the job was planned with (its silo's); 0, as in a task persisted before it existed: the default.</summary>
    [Id(8)] public int MaxNestingDepth { get; init; }

    /// <summary>The physical options every task must plan with, so that all of them see the same stages.</summary>
    public PhysicalOptions Options
    {
        get
        {
            var options = new PhysicalOptions(Partitions: Partitions)
            {
                Limits = MaxNestingDepth > 0 ? new SqlLimits { MaxNestingDepth = MaxNestingDepth } : SqlLimits.Default,
            };
            return BroadcastRowLimit is { } rows ? options with { BroadcastRowLimit = rows } : options;
        }
    }

    /// <summary>The shuffle this task reads for exchange <paramref name="exchangeId"/>, partition <paramref name="partition"/>.</summary>
    public ShuffleInput Input(int exchangeId, int partition)
    {
        var producer = Producers.FirstOrDefault(p => p.ExchangeId == exchangeId)
            ?? throw new InvalidOperationException($"no stage of the plan writes exchange {exchangeId}");
        return new ShuffleInput(ShuffleName(exchangeId), partition, producer.PlanStage, producer.Tasks);
    }

    public static string ShuffleName(int exchangeId) => $"x{exchangeId}";
}

/// <summary>Exchange <see cref="ExchangeId"/> is written by the <see cref="Tasks"/> tasks of the job's plan stage <see cref="PlanStage"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record SqlExchangeProducer([property: Id(0)] int ExchangeId, [property: Id(1)] int PlanStage, [property: Id(2)] int Tasks);
