using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Jobs.Sql;

namespace OrleansFlow.Jobs.ML;

/// <summary>A worker's epoch (train) or the final evaluation: the job's settings, which epoch, and how many workers share the data.</summary>
[GenerateSerializer, Immutable]
public sealed record MlWorkerArgs(
    [property: Id(0)] MlArgs Job,
    [property: Id(1)] int Epoch,
    [property: Id(2)] int Workers) : TaskArgs;

/// <summary>SQL → ML: the query's result stage, whose rows become the <see cref="Workers"/> training partitions.</summary>
[GenerateSerializer, Immutable]
public sealed record MlFeaturesArgs(
    [property: Id(0)] MlArgs Job,
    [property: Id(1)] SqlTaskArgs Sql,
    [property: Id(2)] int Workers) : TaskArgs;
