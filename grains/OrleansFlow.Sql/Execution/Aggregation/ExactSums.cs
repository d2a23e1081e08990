using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Aggregation;

/// <summary>
/// Exact per-group sums of decimals (or integers) at one scale. Values held at that scale — all values read from
/// files, and partial sums — are added as 128-bit integers, which is several times cheaper than decimal
/// addition; any other value (a product carrying more digits, say) goes to a decimal side sum. Results are the
/// same decimal either way.
/// </summary>
internal sealed class ExactSums(int scale)
{
    private readonly byte _scale = checked((byte)scale);
    private Int128[] _scaled = [];
    private decimal[] _other = [];

    public void Resize(int size)
    {
        if (size <= _scaled.Length) return;
        Array.Resize(ref _scaled, size);
        Array.Resize(ref _other, size);
    }

    public void Add(int group, decimal value)
    {
        if (DecimalBits.TryGetScaled(value, _scale, out long unscaled)) _scaled[group] += unscaled;
        else _other[group] += value;
    }

    /// <summary>Adds an unscaled integer at this sum's scale (an integer, for sums at scale 0).</summary>
    public void Add(int group, long value) => _scaled[group] += value;

    public int Scale => _scale;

    public decimal Get(int group) => DecimalBits.FromScaled(_scaled[group], _scale) + _other[group];

    public decimal[] ToArray(int count)
    {
        var result = new decimal[count];
        for (int g = 0; g < count; g++) result[g] = Get(g);
        return result;
    }
}
