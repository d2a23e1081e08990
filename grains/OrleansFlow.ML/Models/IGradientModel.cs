using OrleansFlow.ML.Data;

namespace OrleansFlow.ML.Models;

/// <summary>
/// A model architecture whose parameters live outside it, in one flat float vector (so a parameter server can hold
/// them, sharded by index range). Implementations are stateless and thread-safe: many workers may call
/// <see cref="ComputeGradient"/> at once with the same parameters.
/// </summary>
public interface IGradientModel
{
    ModelKind Kind { get; }

    /// <summary>Number of input features a row must have.</summary>
    int FeatureCount { get; }

    /// <summary>Length of the flat parameter vector.</summary>
    int ParameterCount { get; }

    /// <summary>Layer widths from input to output; what the saved model records to rebuild the architecture.</summary>
    IReadOnlyList<int> LayerSizes { get; }

    /// <summary>Fills a fresh parameter vector with this architecture's usual starting point, reproducibly.</summary>
    void InitializeParameters(Span<float> parameters, int seed);

    /// <summary>
    /// Writes the MEAN gradient of the loss over the shard's rows into <paramref name="gradient"/> (overwriting it)
    /// and returns the mean loss and row count. Shard-size weighted averaging of these results equals the gradient
    /// of the whole data set, which is what <see cref="Training.GradientAverager"/> does.
    /// </summary>
    GradientResult ComputeGradient(DataShard shard, ReadOnlySpan<float> parameters, Span<float> gradient);

    /// <summary>One prediction per row: the value (regression) or the class index (classification).</summary>
    void Predict(DataShard shard, ReadOnlySpan<float> parameters, Span<float> predictions);
}
