using System.Numerics.Tensors;
using OrleansFlow.ML.Models;

namespace OrleansFlow.ML.Training;

/// <summary>
/// Collects the gradient slices workers push for one parameter range and averages them weighted by each worker's
/// sample count, so the result equals the mean gradient over all the rows the workers saw together.
/// </summary>
public sealed class GradientAverager
{
    private readonly float[] _weightedSum;
    private double _weightedLoss;

    public GradientAverager(ParameterRange range)
    {
        if (range.Length <= 0)
            throw new ArgumentOutOfRangeException(nameof(range), range, "A gradient range must be non-empty.");
        Range = range;
        _weightedSum = new float[range.Length];
    }

    public ParameterRange Range { get; }

    /// <summary>Pushes received since the last <see cref="TakeAverage"/>.</summary>
    public int Contributions { get; private set; }

    /// <summary>Rows behind the pushes received since the last <see cref="TakeAverage"/>.</summary>
    public long Samples { get; private set; }

    /// <summary>Adds one worker's mean gradient for this range (exactly <see cref="Range"/>.Length values).</summary>
    public void Add(ReadOnlySpan<float> gradientSlice, GradientResult result)
    {
        if (gradientSlice.Length != Range.Length)
            throw new ArgumentException($"Gradient slice has {gradientSlice.Length} values; range {Range} needs {Range.Length}.", nameof(gradientSlice));
        if (result.Samples < 0)
            throw new ArgumentOutOfRangeException(nameof(result), result.Samples, "A sample count cannot be negative.");
        Contributions++;
        if (result.Samples == 0)
            return;
        TensorPrimitives.MultiplyAdd(gradientSlice, (float)result.Samples, _weightedSum, _weightedSum);
        _weightedLoss += result.MeanLoss * result.Samples;
        Samples += result.Samples;
    }

    /// <summary>
    /// Writes the sample-weighted mean gradient into <paramref name="average"/>, returns the mean loss and total rows,
    /// and clears the averager for the next step. With no samples the average is zero.
    /// </summary>
    public GradientResult TakeAverage(Span<float> average)
    {
        if (average.Length != Range.Length)
            throw new ArgumentException($"Destination has {average.Length} values; range {Range} needs {Range.Length}.", nameof(average));
        if (Samples == 0)
            average.Clear();
        else
            TensorPrimitives.Multiply(_weightedSum, (float)(1.0 / Samples), average);
        var result = new GradientResult(Samples == 0 ? 0 : _weightedLoss / Samples, checked((int)Samples));
        Array.Clear(_weightedSum);
        _weightedLoss = 0;
        Samples = 0;
        Contributions = 0;
        return result;
    }
}
