using System.Text;
using OrleansFlow.Engine.Input;

namespace OrleansFlow.Engine.Tests.MapReduce;

public sealed class TextSplitReaderTests
{
    public static TheoryData<string, long> Cases => new()
    {
        { "one\ntwo\nthree\n", 1 },
        { "one\ntwo\nthree\n", 4 },
        { "one\ntwo\nthree", 3 },
        { "a\r\nbb\r\n\r\nccc\r\n", 2 },
        { "\n\n\nx\n\n", 1 },
        { "héllo wörld\nünïcode ✓ line\nlast", 5 },
        { "no newline at all", 4 },
        { "long line " + new string('x', 5000) + "\nshort\n", 7 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Splits_together_read_every_line_exactly_once(string content, long splitSize)
    {
        using var folder = new TempFolder();
        var path = folder.File("input.txt", content);
        var expected = ReferenceLines(content);

        var actual = new List<string>();
        var consumed = 0L;
        foreach (var split in InputPlanner.Split([new FileInfo(path)], splitSize))
            consumed += TextSplitReader.ReadLines(split, line => actual.Add(line.ToString()));

        Assert.Equal(expected, actual);
        Assert.True(consumed >= Encoding.UTF8.GetByteCount(content), "every byte is consumed by some split");
    }

    [Fact]
    public void Random_text_and_random_split_sizes_match_a_plain_line_reader()
    {
        using var folder = new TempFolder();
        var random = new Random(7);
        var builder = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            builder.Append(new string('a', random.Next(0, 40)));
            builder.Append(random.Next(4) == 0 ? "\r\n" : "\n");
        }
        var content = builder.ToString();
        var path = folder.File("random.txt", content);
        var expected = ReferenceLines(content);
        foreach (var splitSize in new long[] { 1, 17, 100, 4096, 1 << 20 })
        {
            var actual = new List<string>();
            foreach (var split in InputPlanner.Split([new FileInfo(path)], splitSize))
                TextSplitReader.ReadLines(split, line => actual.Add(line.ToString()));
            Assert.Equal(expected, actual);
        }
    }

    // The independent reference: .NET's own line reader ("\n" and "\r\n" end lines; no empty last line).
    private static List<string> ReferenceLines(string content)
    {
        var lines = new List<string>();
        using var reader = new StringReader(content);
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }
}
