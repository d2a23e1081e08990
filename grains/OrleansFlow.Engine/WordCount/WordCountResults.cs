using System.Globalization;

namespace OrleansFlow.Engine.WordCount;

/// <summary>Reads the <c>word\tcount</c> part files a word count writes (each sorted by word).</summary>
public static class WordCountResults
{
    /// <summary>Merges sorted part files into one file sorted by word (ordinal); returns the number of lines.</summary>
    public static long MergeSorted(IReadOnlyList<string> partFiles, TextWriter output)
    {
        var readers = partFiles.Select(p => new StreamReader(p)).ToList();
        try
        {
            var heads = new PriorityQueue<int, string>(StringComparer.Ordinal);
            var current = new string?[readers.Count];
            for (var i = 0; i < readers.Count; i++)
                Advance(i);
            long lines = 0;
            while (heads.TryDequeue(out var index, out _))
            {
                output.Write(current[index]);
                output.Write('\n');
                lines++;
                Advance(index);
            }
            return lines;

            void Advance(int i)
            {
                current[i] = readers[i].ReadLine();
                if (current[i] is { } line)
                    heads.Enqueue(i, KeyOf(line));
            }
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
    }

    /// <summary>The <paramref name="n"/> most frequent words, most frequent first, ties by word (ordinal).</summary>
    public static IReadOnlyList<(string Word, long Count)> Top(IReadOnlyList<string> partFiles, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        // A min-heap of the best n: its root is the weakest of them.
        var heap = new PriorityQueue<(string Word, long Count), (string Word, long Count)>(Comparer<(string Word, long Count)>.Create(
            (a, b) => a.Count != b.Count ? a.Count.CompareTo(b.Count) : string.CompareOrdinal(b.Word, a.Word)));
        foreach (var part in partFiles)
        {
            foreach (var line in File.ReadLines(part))
            {
                var tab = line.IndexOf('\t');
                var entry = (line[..tab], long.Parse(line.AsSpan(tab + 1), CultureInfo.InvariantCulture));
                if (heap.Count < n)
                    heap.Enqueue(entry, entry);
                else if (n > 0)
                    heap.EnqueueDequeue(entry, entry);
            }
        }
        var result = new List<(string Word, long Count)>(heap.Count);
        while (heap.TryDequeue(out var e, out _))
            result.Add(e);
        result.Reverse();
        return result;
    }

    private static string KeyOf(string line)
    {
        var tab = line.IndexOf('\t');
        return tab < 0 ? line : line[..tab];
    }
}
