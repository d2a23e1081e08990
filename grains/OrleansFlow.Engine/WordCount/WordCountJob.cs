using OrleansFlow.Engine.MapReduce;

namespace OrleansFlow.Engine.WordCount;

/// <summary>
/// The built-in word count. A word is a maximal run of ASCII letters A–Z, a–z, lower-cased; everything else
/// separates words (the contract of <c>tr -cs 'A-Za-z' '\n' | tr 'A-Z' 'a-z'</c>).
/// </summary>
public sealed class WordCountJob : MapReduceJob<string, long>
{
    public override void Map(ReadOnlySpan<char> line, IEmitter<string, long> output)
    {
        var fast = output as ISpanKeyEmitter<long>;
        Span<char> lower = stackalloc char[256];
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && !char.IsAsciiLetter(line[i])) i++;
            var start = i;
            while (i < line.Length && char.IsAsciiLetter(line[i])) i++;
            var length = i - start;
            if (length == 0) continue;
            var word = length <= lower.Length ? lower[..length] : new char[length];
            for (var j = 0; j < length; j++) word[j] = (char)(line[start + j] | 0x20); // ASCII letters only: set the lower-case bit
            if (fast is not null) fast.Emit(word, 1);
            else output.Emit(new string(word), 1);
        }
    }

    public override bool HasCombiner => true;

    public override long Combine(string key, long left, long right) => left + right;

    public override void Reduce(string key, IReadOnlyList<long> values, IEmitter<string, long> output)
    {
        long sum = 0;
        foreach (var v in values) sum += v;
        output.Emit(key, sum);
    }
}
