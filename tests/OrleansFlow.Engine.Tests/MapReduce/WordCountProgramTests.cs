using System.Text.RegularExpressions;
using OrleansFlow.Engine.Input;
using OrleansFlow.Engine.MapReduce;
using OrleansFlow.Engine.WordCount;

namespace OrleansFlow.Engine.Tests.MapReduce;

public sealed partial class WordCountProgramTests
{
    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex Word();

    [Fact]
    public async Task Map_shuffle_and_reduce_count_words_like_a_regex_over_the_whole_text()
    {
        using var folder = new TempFolder();
        var text = string.Join('\n', Enumerable.Range(0, 4000).Select(i =>
            $"The quick-brown FOX{i % 13} jumps; over the lazy dog's back: ÉTÉ naïve x{i % 7}y\tTHE end"));
        var path = folder.File("text.txt", text);
        var expected = Word().Matches(text).GroupBy(m => m.Value.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => (long)g.Count());

        var program = MapReduceProgram.Create(typeof(WordCountJob));
        const int partitions = 3;
        var blocksPerPartition = Enumerable.Range(0, partitions).Select(_ => new List<byte[]>()).ToArray();
        foreach (var split in InputPlanner.Split([new FileInfo(path)], 10_000))
        {
            var output = program.RunMap(split, partitions, CancellationToken.None);
            for (var p = 0; p < partitions; p++)
                if (output.Blocks[p] is { } block) blocksPerPartition[p].Add(block);
        }

        var actual = new Dictionary<string, long>();
        for (var p = 0; p < partitions; p++)
        {
            var writer = new StringWriter();
            await program.RunReduceAsync(ToAsync(blocksPerPartition[p]), writer, CancellationToken.None);
            var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(lines.OrderBy(l => l.Split('\t')[0], StringComparer.Ordinal), lines); // sorted by word
            foreach (var line in lines)
            {
                var parts = line.Split('\t');
                Assert.Equal(p, StablePartitioner.Partition(parts[0], partitions)); // each word in its own partition
                actual.Add(parts[0], long.Parse(parts[1]));
            }
        }
        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void A_type_that_is_not_a_program_is_refused_with_its_name()
    {
        var e = Assert.Throws<ArgumentException>(() => MapReduceProgram.Create(typeof(string)));
        Assert.Contains("System.String", e.Message);
    }

    [Fact]
    public void Unsupported_key_types_are_refused_by_name()
    {
        var e = Assert.Throws<NotSupportedException>(() => MapReduceProgram.Create(typeof(DateKeyedJob)));
        Assert.Contains("DateTime", e.Message);
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> ToAsync(IEnumerable<byte[]> blocks)
    {
        foreach (var block in blocks)
        {
            await Task.Yield();
            yield return block;
        }
    }

    public sealed class DateKeyedJob : MapReduceJob<DateTime, long>
    {
        public override void Map(ReadOnlySpan<char> line, IEmitter<DateTime, long> output) { }
        public override void Reduce(DateTime key, IReadOnlyList<long> values, IEmitter<DateTime, long> output) { }
    }
}
