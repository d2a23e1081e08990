namespace OrleansFlow.ML.Training;

/// <summary>The trained parameter vector and the per-epoch progress that led to it.</summary>
public sealed record TrainingResult(float[] Parameters, IReadOnlyList<EpochReport> Epochs);
