using OrleansFlow.ML.Models;

namespace OrleansFlow.ML.Training;

/// <summary>
/// The state one parameter-server grain keeps for its key range: current values, the gradients pushed since the
/// last update, and the optimizer state. BSP: push from every worker, then <see cref="ApplyPending"/> once.
/// Asynchronous: apply after each push, and let workers compare <see cref="Version"/> with the one they read to
/// bound staleness.
/// </summary>
public sealed class ParameterServerShard
{
    private readonly ParameterVector _values;
    private readonly GradientAverager _averager;
    private readonly IOptimizer _optimizer;
    private readonly float[] _averageGradient;

    public ParameterServerShard(ParameterRange range, ReadOnlySpan<float> initialValues, IOptimizerOptions optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        _values = new ParameterVector(range, initialValues);
        _averager = new GradientAverager(range);
        _optimizer = optimizer.Create(range.Length);
        _averageGradient = new float[range.Length];
    }

    public ParameterRange Range => _values.Range;

    /// <summary>Number of updates applied; a worker's parameters are Version - versionItRead steps stale.</summary>
    public long Version { get; private set; }

    /// <summary>The current values of <see cref="Range"/> (what a worker fetches).</summary>
    public ReadOnlySpan<float> Values => _values.Values;

    public int PendingContributions => _averager.Contributions;

    /// <summary>The optimizer's current step size.</summary>
    public float LearningRate
    {
        get => _optimizer.LearningRate;
        set => _optimizer.LearningRate = value;
    }

    /// <summary>Receives one worker's gradient for this range.</summary>
    public void Push(ReadOnlySpan<float> gradientSlice, GradientResult result) => _averager.Add(gradientSlice, result);

    /// <summary>
    /// Everything needed to resume this shard elsewhere (values, version, optimizer state and step size). Take it
    /// between steps: gradients pushed but not yet applied are not part of it.
    /// </summary>
    public ParameterServerCheckpoint Checkpoint() =>
        new(Range, Version, _optimizer.LearningRate, _optimizer.Steps, _values.ToArray(), _optimizer.CaptureState());

    /// <summary>A shard continuing from <paramref name="checkpoint"/>, with an optimizer of the kind that saved it.</summary>
    public static ParameterServerShard Restore(ParameterServerCheckpoint checkpoint, IOptimizerOptions optimizer)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var shard = new ParameterServerShard(checkpoint.Range, checkpoint.Values, optimizer);
        shard._optimizer.RestoreState(checkpoint.OptimizerSteps, checkpoint.OptimizerState);
        shard._optimizer.LearningRate = checkpoint.LearningRate;
        shard.Version = checkpoint.Version;
        return shard;
    }

    /// <summary>Averages the pending gradients, applies the optimizer, and returns their mean loss and row count.</summary>
    public GradientResult ApplyPending()
    {
        var result = _averager.TakeAverage(_averageGradient);
        if (result.Samples == 0)
            return result;
        _optimizer.Step(_values.Values, _averageGradient);
        Version++;
        return result;
    }
}
