using OrleansFlow.Engine.WordCount;

namespace OrleansFlow.Engine.Tests.MapReduce;

public sealed class WordCountResultsTests
{
    [Fact]
    public void Merge_gives_one_ordinally_sorted_file_and_top_orders_by_count_then_word()
    {
        using var folder = new TempFolder();
        var random = new Random(3);
        var all = Enumerable.Range(0, 500).Select(i => ($"w{random.Next(100000):x}{i}", (long)random.Next(1, 50))).ToList();
        var parts = all.GroupBy(e => e.Item1.Length % 3)
            .Select((g, i) => folder.File($"part-{i}", string.Concat(g.OrderBy(e => e.Item1, StringComparer.Ordinal).Select(e => $"{e.Item1}\t{e.Item2}\n"))))
            .ToList();

        var merged = new StringWriter();
        var lines = WordCountResults.MergeSorted(parts, merged);

        var expected = string.Concat(all.OrderBy(e => e.Item1, StringComparer.Ordinal).Select(e => $"{e.Item1}\t{e.Item2}\n"));
        Assert.Equal(expected, merged.ToString());
        Assert.Equal(all.Count, lines);
        var top = WordCountResults.Top(parts, 10);
        var expectedTop = all.OrderByDescending(e => e.Item2).ThenBy(e => e.Item1, StringComparer.Ordinal).Take(10).ToList();
        Assert.Equal(expectedTop, top.Select(t => (t.Word, t.Count)));
    }
}
