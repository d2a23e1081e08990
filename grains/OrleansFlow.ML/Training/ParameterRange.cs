namespace OrleansFlow.ML.Training;

/// <summary>The half-open index range [Start, End) of a flat parameter vector that one parameter-server shard owns.</summary>
public readonly record struct ParameterRange(int Start, int End)
{
    public int Length => End - Start;

    /// <summary>
    /// Splits [0, parameterCount) into <paramref name="shardCount"/> contiguous ranges of near-equal length
    /// (the key-range sharding of a model too large for one server).
    /// </summary>
    public static ParameterRange[] Partition(int parameterCount, int shardCount)
    {
        if (parameterCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(parameterCount), parameterCount, "There must be at least one parameter.");
        if (shardCount <= 0 || shardCount > parameterCount)
            throw new ArgumentOutOfRangeException(nameof(shardCount), shardCount, $"Cannot split {parameterCount} parameters into {shardCount} ranges.");
        var ranges = new ParameterRange[shardCount];
        for (var i = 0; i < shardCount; i++)
            ranges[i] = new ParameterRange((int)((long)parameterCount * i / shardCount), (int)((long)parameterCount * (i + 1) / shardCount));
        return ranges;
    }

    public override string ToString() => $"[{Start}, {End})";
}
