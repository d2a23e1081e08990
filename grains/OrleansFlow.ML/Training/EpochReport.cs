namespace OrleansFlow.ML.Training;

/// <summary>Progress after one epoch: the mean training loss over its batches (as computed before each step).</summary>
public sealed record EpochReport(int Epoch, double MeanLoss, long Samples, TimeSpan Elapsed)
{
    public double SamplesPerSecond => Samples / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
