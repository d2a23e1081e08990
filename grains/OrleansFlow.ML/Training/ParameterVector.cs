namespace OrleansFlow.ML.Training;

/// <summary>
/// A model's flat parameter vector, or the part [Range.Start, Range.End) of it that one server shard holds.
/// Reads and writes use GLOBAL indices, so callers never translate offsets themselves.
/// </summary>
public sealed class ParameterVector
{
    private readonly float[] _values;

    public ParameterVector(ParameterRange range)
    {
        if (range.Start < 0 || range.Length <= 0)
            throw new ArgumentOutOfRangeException(nameof(range), range, "A parameter range must be non-empty and start at 0 or later.");
        Range = range;
        _values = new float[range.Length];
    }

    /// <summary>A vector owning [range.Start, range.End), initialised from <paramref name="values"/> (exactly that long).</summary>
    public ParameterVector(ParameterRange range, ReadOnlySpan<float> values)
        : this(range)
    {
        if (values.Length != range.Length)
            throw new ArgumentException($"Range {range} needs {range.Length} values, {values.Length} given.", nameof(values));
        values.CopyTo(_values);
    }

    /// <summary>A whole-model vector [0, values.Length).</summary>
    public static ParameterVector FromValues(ReadOnlySpan<float> values) => new(new ParameterRange(0, values.Length), values);

    public ParameterRange Range { get; }

    /// <summary>All values this vector holds; index 0 is global index Range.Start.</summary>
    public Span<float> Values => _values;

    /// <summary>The values of global range <paramref name="range"/>, which must lie inside <see cref="Range"/>.</summary>
    public Span<float> Slice(ParameterRange range)
    {
        if (range.Start < Range.Start || range.End > Range.End || range.Length < 0)
            throw new ArgumentOutOfRangeException(nameof(range), range, $"Range {range} is not inside this vector's range {Range}.");
        return _values.AsSpan(range.Start - Range.Start, range.Length);
    }

    /// <summary>Copies <paramref name="values"/> into global range <paramref name="range"/> (assembling shards into a whole).</summary>
    public void Write(ParameterRange range, ReadOnlySpan<float> values)
    {
        if (values.Length != range.Length)
            throw new ArgumentException($"Range {range} needs {range.Length} values, {values.Length} given.", nameof(values));
        values.CopyTo(Slice(range));
    }

    public float[] ToArray() => _values.ToArray();
}
