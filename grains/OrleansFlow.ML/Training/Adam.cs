using System.Numerics.Tensors;

namespace OrleansFlow.ML.Training;

public sealed record AdamOptions(float LearningRate = 1e-3f, float Beta1 = 0.9f, float Beta2 = 0.999f, float Epsilon = 1e-8f) : IOptimizerOptions
{
    public IOptimizer Create(int length) => new Adam(length, this);
}

/// <summary>Adam (Kingma and Ba, 2015), with bias correction folded into the step size.</summary>
public sealed class Adam : IOptimizer
{
    private readonly AdamOptions _options;
    private readonly float[] _firstMoment;
    private readonly float[] _secondMoment;
    private readonly float[] _scratch;

    public Adam(int length, AdamOptions options)
    {
        if (length <= 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "An optimizer needs at least one parameter.");
        if (!(options.LearningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(options), options.LearningRate, "The learning rate must be positive.");
        if (options.Beta1 is < 0 or >= 1 || options.Beta2 is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(options), "Beta1 and Beta2 must be in [0, 1).");
        _options = options;
        LearningRate = options.LearningRate;
        _firstMoment = new float[length];
        _secondMoment = new float[length];
        _scratch = new float[length];
    }

    public int Length => _firstMoment.Length;

    public long Steps { get; private set; }

    public float LearningRate
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be positive.");
    }

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        OptimizerChecks.Lengths(Length, parameters.Length, gradient.Length);
        Steps++;
        var (b1, b2) = (_options.Beta1, _options.Beta2);

        TensorPrimitives.Multiply(_firstMoment, b1, _firstMoment);
        TensorPrimitives.MultiplyAdd(gradient, 1 - b1, _firstMoment, _firstMoment);
        TensorPrimitives.Multiply(gradient, gradient, _scratch);
        TensorPrimitives.Multiply(_scratch, 1 - b2, _scratch);
        TensorPrimitives.MultiplyAdd(_secondMoment, b2, _scratch, _secondMoment);

        var stepSize = (float)(LearningRate * Math.Sqrt(1 - Math.Pow(b2, Steps)) / (1 - Math.Pow(b1, Steps)));
        TensorPrimitives.Sqrt(_secondMoment, _scratch);
        TensorPrimitives.Add(_scratch, _options.Epsilon, _scratch);
        TensorPrimitives.Divide(_firstMoment, _scratch, _scratch);
        TensorPrimitives.MultiplyAdd(_scratch, -stepSize, parameters, parameters);
    }

    public IReadOnlyList<float[]> CaptureState() => [(float[])_firstMoment.Clone(), (float[])_secondMoment.Clone()];

    public void RestoreState(long steps, IReadOnlyList<float[]> state)
    {
        OptimizerChecks.State(nameof(Adam), 2, Length, steps, state);
        state[0].CopyTo(_firstMoment, 0);
        state[1].CopyTo(_secondMoment, 0);
        Steps = steps;
    }
}
