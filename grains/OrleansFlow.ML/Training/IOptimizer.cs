namespace OrleansFlow.ML.Training;

/// <summary>
/// Applies one update to a parameter range given the averaged gradient for it. Holds per-parameter state
/// (momentum, moments) for exactly that range, so each parameter-server shard owns its own optimizer.
/// </summary>
public interface IOptimizer
{
    int Length { get; }

    /// <summary>Updates done so far (the step counter Adam's bias correction uses).</summary>
    long Steps { get; }

    /// <summary>Step size; a schedule (or a parameter-server grain following one) lowers it between epochs.</summary>
    float LearningRate { get; set; }

    void Step(Span<float> parameters, ReadOnlySpan<float> gradient);

    /// <summary>Copies of the per-parameter state vectors (SGD: velocity; Adam: first and second moments), for checkpoints.</summary>
    IReadOnlyList<float[]> CaptureState();

    /// <summary>Puts back state captured from an optimizer of the same kind and length.</summary>
    void RestoreState(long steps, IReadOnlyList<float[]> state);
}

/// <summary>Optimizer settings that can create the optimizer for a range of a given length.</summary>
public interface IOptimizerOptions
{
    IOptimizer Create(int length);
}
