namespace OrleansFlow.Abstractions.ML;

/// <summary>Loss per epoch and the final evaluation of an ML job (keyed by job id), for progress and results.</summary>
public interface ITrainingMetricsGrain : IGrainWithStringKey
{
    /// <summary>One worker's mean training loss over its <paramref name="samples"/> rows of an epoch.</summary>
    Task RecordEpoch(int epoch, int worker, double meanLoss, long samples);

    Task RecordEvaluation(TrainingEvaluation evaluation);

    Task<TrainingSummary> GetSummary();
}

/// <param name="Epoch">1-based.</param>
/// <param name="MeanLoss">Sample-weighted over the workers that reported.</param>
[GenerateSerializer, Immutable]
public sealed record EpochMetrics([property: Id(0)] int Epoch, [property: Id(1)] double MeanLoss, [property: Id(2)] long Samples, [property: Id(3)] int Workers);

/// <param name="Rows">Rows evaluated (held-out where the source has them).</param>
/// <param name="Loss">Mean squared error (regression) or the model's mean training loss on those rows.</param>
/// <param name="Accuracy">Classification only.</param>
/// <param name="Parameters">The trained flat parameter vector (for linear models: coefficients then intercept).</param>
[GenerateSerializer, Immutable]
public sealed record TrainingEvaluation(
    [property: Id(0)] string Model,
    [property: Id(1)] long Rows,
    [property: Id(2)] double Loss,
    [property: Id(3)] double? Accuracy,
    [property: Id(4)] float[] Parameters,
    [property: Id(5)] string? ModelFile)
{
    /// <summary>False when the source has no held-out rows and the training rows were measured.</summary>
    [Id(6)] public bool HeldOut { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record TrainingSummary([property: Id(0)] IReadOnlyList<EpochMetrics> Epochs, [property: Id(1)] TrainingEvaluation? Evaluation);
