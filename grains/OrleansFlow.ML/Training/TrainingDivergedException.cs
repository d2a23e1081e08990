using System.Globalization;

namespace OrleansFlow.ML.Training;

/// <summary>
/// Training stopped because the loss or the parameters stopped being finite numbers (NaN or infinity), almost always
/// because the learning rate is too high: a NaN model is not worth evaluating or saving.
/// </summary>
public sealed class TrainingDivergedException(int epoch, float learningRate) : Exception(MessageFor(epoch, learningRate))
{
    /// <summary>The epoch (from 1) at whose end the loss or the parameters were found not finite.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>The one-line message, the same wherever the divergence was found (in process or on the fabric).</summary>
    public static string MessageFor(int epoch, float learningRate) =>
        $"training diverged in epoch {epoch}: the loss or the model's parameters became NaN or infinite; " +
        $"try a learning rate lower than {learningRate.ToString(CultureInfo.InvariantCulture)}.";
}
