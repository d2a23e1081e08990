using System.Text;

namespace OrleansFlow.Testing;

/// <summary>Generated text for word-count tests, and the independent reference count.</summary>
public static class Corpus
{
    private static readonly string[] Separators = [" ", " ", " ", ", ", ". ", "; ", " -- ", "\t", "'s ", " 42 ", " (", ") ", "! ", " é "];

    /// <summary>Writes <paramref name="files"/> files of about <paramref name="bytesPerFile"/> bytes of words, mixed case, with punctuation and digits.</summary>
    public static void Write(string folder, int files, long bytesPerFile, int seed = 1)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var vocabulary = Enumerable.Range(0, 5000).Select(i => MakeWord(random, i)).ToArray();
        for (var f = 0; f < files; f++)
        {
            using var writer = new StreamWriter(Path.Combine(folder, $"part-{f:D3}.txt"), false, new UTF8Encoding(false), 1 << 16);
            long written = 0;
            var line = new StringBuilder();
            while (written < bytesPerFile)
            {
                line.Clear();
                var words = random.Next(0, 16);
                for (var w = 0; w < words; w++)
                {
                    // Zipf-like: a few words are very common.
                    var index = (int)(vocabulary.Length * Math.Pow(random.NextDouble(), 3));
                    line.Append(vocabulary[index]).Append(Separators[random.Next(Separators.Length)]);
                }
                writer.Write(line);
                writer.Write(random.Next(10) == 0 ? "\r\n" : "\n");
                written += line.Length + 1;
            }
        }
    }

    /// <summary>The reference count: every file read whole, split on anything that is not an ASCII letter, lower-cased, grouped.</summary>
    public static Dictionary<string, long> ReferenceCounts(string folder)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')))
        {
            var text = File.ReadAllText(file);
            var words = text.Split(text.Where(c => !char.IsAsciiLetter(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);
            foreach (var group in words.GroupBy(w => w.ToLowerInvariant()))
                counts[group.Key] = counts.GetValueOrDefault(group.Key) + group.Count();
        }
        return counts;
    }

    /// <summary>Reads <c>word\tcount</c> lines.</summary>
    public static Dictionary<string, long> ReadCounts(IEnumerable<string> files) => files
        .SelectMany(File.ReadLines)
        .Select(l => l.Split('\t'))
        .ToDictionary(p => p[0], p => long.Parse(p[1]), StringComparer.Ordinal);

    private static string MakeWord(Random random, int i)
    {
        var length = 1 + random.Next(1, 10);
        var chars = new char[length];
        for (var c = 0; c < length; c++)
        {
            var letter = (char)('a' + random.Next(26));
            chars[c] = random.Next(5) == 0 ? char.ToUpperInvariant(letter) : letter;
        }
        return new string(chars) + (i % 97 == 0 ? "x" : "");
    }
}
