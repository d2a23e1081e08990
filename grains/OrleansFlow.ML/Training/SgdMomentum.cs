using System.Numerics.Tensors;

namespace OrleansFlow.ML.Training;

/// <param name="LearningRate">Step size.</param>
/// <param name="Momentum">0 for plain SGD; 0.9 is usual.</param>
public sealed record SgdMomentumOptions(float LearningRate, float Momentum = 0.9f) : IOptimizerOptions
{
    public IOptimizer Create(int length) => new SgdMomentum(length, this);
}

/// <summary>velocity = μ·velocity + g; parameters -= η·velocity.</summary>
public sealed class SgdMomentum : IOptimizer
{
    private readonly SgdMomentumOptions _options;
    private readonly float[] _velocity;

    public SgdMomentum(int length, SgdMomentumOptions options)
    {
        if (length <= 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "An optimizer needs at least one parameter.");
        if (!(options.LearningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(options), options.LearningRate, "The learning rate must be positive.");
        if (options.Momentum is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Momentum, "Momentum must be in [0, 1).");
        _options = options;
        LearningRate = options.LearningRate;
        _velocity = new float[length];
    }

    public int Length => _velocity.Length;

    public long Steps { get; private set; }

    public float LearningRate
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be positive.");
    }

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        OptimizerChecks.Lengths(Length, parameters.Length, gradient.Length);
        TensorPrimitives.MultiplyAdd(_velocity, _options.Momentum, gradient, _velocity);
        TensorPrimitives.MultiplyAdd(_velocity, -LearningRate, parameters, parameters);
        Steps++;
    }

    public IReadOnlyList<float[]> CaptureState() => [(float[])_velocity.Clone()];

    public void RestoreState(long steps, IReadOnlyList<float[]> state)
    {
        OptimizerChecks.State(nameof(SgdMomentum), 1, Length, steps, state);
        state[0].CopyTo(_velocity, 0);
        Steps = steps;
    }
}
