namespace OrleansFlow.ML.Models;

/// <summary>What a worker reports with its gradient: mean loss over its rows and how many rows that was.</summary>
public readonly record struct GradientResult(double MeanLoss, int Samples);
