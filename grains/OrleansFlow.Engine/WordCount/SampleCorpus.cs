using System.Text;

namespace OrleansFlow.Engine.WordCount;

/// <summary>
/// Generates English-like sample text (Zipf-distributed words, mixed case, punctuation) so the word count can run
/// with no data at hand. Deterministic for a seed.
/// </summary>
public static class SampleCorpus
{
    private static readonly string[] Common =
    [
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not",
        "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "had", "they", "you", "were",
        "data", "memory", "silo", "grain", "shuffle", "task", "stage", "job", "serverless", "cluster", "partition",
    ];

    /// <summary>Writes about <paramref name="totalBytes"/> of text as <paramref name="files"/> files into <paramref name="folder"/>.</summary>
    public static void Write(string folder, long totalBytes, int files = 8, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(files, 1);
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var vocabulary = Common.Concat(Enumerable.Range(0, 20_000).Select(_ => RandomWord(random))).ToArray();
        Parallel.For(0, files, f =>
        {
            var local = new Random(HashCode.Combine(seed, f));
            using var writer = new StreamWriter(Path.Combine(folder, $"sample-{f:D3}.txt"), false, new UTF8Encoding(false), 1 << 16);
            var target = totalBytes / files + (f < totalBytes % files ? 1 : 0);
            var line = new StringBuilder(128);
            for (long written = 0; written < target;)
            {
                line.Clear();
                var words = 4 + local.Next(14);
                for (var w = 0; w < words; w++)
                {
                    var word = vocabulary[(int)(vocabulary.Length * Math.Pow(local.NextDouble(), 4))];
                    if (w == 0) word = char.ToUpperInvariant(word[0]) + word[1..];
                    line.Append(word).Append(w == words - 1 ? "." : local.Next(9) == 0 ? ", " : " ");
                }
                line.Append('\n');
                writer.Write(line);
                written += line.Length;
            }
        });
    }

    private static string RandomWord(Random random)
    {
        Span<char> chars = stackalloc char[3 + random.Next(9)];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)('a' + random.Next(26));
        return new string(chars);
    }
}
