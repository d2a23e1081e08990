using OrleansFlow.Engine.MapReduce;

namespace WordCount;

/// <summary>
/// Counts words like the built-in word count, but only words of at least <see cref="MinLength"/> letters, and
/// spells the combiner out: the kind of small twist a user ships as their own code.
/// </summary>
public sealed class LongWordCountJob : MapReduceJob<string, long>
{
    public const int MinLength = 6;

    public override void Map(ReadOnlySpan<char> line, IEmitter<string, long> output)
    {
        var start = -1;
        for (var i = 0; i <= line.Length; i++)
        {
            var letter = i < line.Length && char.IsAsciiLetter(line[i]);
            if (letter && start < 0) start = i;
            if (!letter && start >= 0)
            {
                if (i - start >= MinLength)
                    output.Emit(line[start..i].ToString().ToLowerInvariant(), 1);
                start = -1;
            }
        }
    }

    public override bool HasCombiner => true;

    public override long Combine(string key, long left, long right) => left + right;

    public override void Reduce(string key, IReadOnlyList<long> values, IEmitter<string, long> output)
    {
        long total = 0;
        foreach (var v in values) total += v;
        output.Emit(key, total);
    }
}
