using System.Diagnostics;
using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Benchmarks.Sort;

/// <summary>Timings of one sort, in seconds; phases that a path does not have are zero.</summary>
internal sealed record SortTiming(double Total, double Sample, double Partition, double SortPartitions);

/// <summary>The two ways to sort the in-memory input; each checks its output (outside the timed part).</summary>
internal static class SortRuns
{
    /// <summary>The whole input as one block: extract entries, sort, gather.</summary>
    public static SortTiming SingleBlock(InMemoryInput input, byte[] output, int threads)
    {
        var block = input.Blocks.Single() ?? throw new InvalidOperationException("input was released");
        var clock = Stopwatch.StartNew();
        RecordSorter.Sort(block, output, threads);
        var total = clock.Elapsed.TotalSeconds;

        var check = new OutputCheck();
        check.Add(output);
        check.AssertSortedCopyOf(input.Checksum);
        return new SortTiming(total, 0, 0, total);
    }

    /// <summary>
    /// TeraSort in one process: sample keys, range-partition every block into one bucket per output partition, then
    /// sort each partition straight from its buckets in all blocks. Each partition's output is checked and its buffer reused,
    /// as a reducer would write it out and move on. With <paramref name="releaseInput"/> each input block is dropped
    /// once partitioned, so that a 10 GB input needs about twice, not three times, its size in memory.
    /// </summary>
    public static SortTiming Partitioned(InMemoryInput input, long blockRecords, int threads, bool releaseInput)
    {
        var blocks = input.Blocks;
        var partitions = Math.Max(1, blocks.Length);
        var clock = Stopwatch.StartNew();

        var sample = new List<RecordKey>();
        foreach (var block in blocks)
        {
            sample.AddRange(KeySampler.Sample(block ?? throw new InvalidOperationException("input was released"), 10_000, seed: 1));
        }
        var partitioner = RangePartitioner.FromSample(sample, partitions);
        var sampled = clock.Elapsed.TotalSeconds;

        var scattered = new PartitionedRecords[blocks.Length];
        for (var b = 0; b < blocks.Length; b++)
        {
            scattered[b] = RecordPartitioner.Partition(blocks[b], partitioner, threads);
            if (releaseInput)
            {
                blocks[b] = null;
            }
        }
        var partitioned = clock.Elapsed.TotalSeconds;

        // Partitions are about one block each; leave headroom for sampling error.
        var sorted = GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, blockRecords * 2 * SortRecord.Size));
        var check = new OutputCheck();
        var checking = TimeSpan.Zero;
        for (var p = 0; p < partitions; p++)
        {
            var pieces = new ReadOnlyMemory<byte>[scattered.Length];
            var length = 0;
            for (var b = 0; b < scattered.Length; b++)
            {
                pieces[b] = scattered[b].Bucket(p);
                length += pieces[b].Length;
            }
            RecordSorter.Sort(pieces, sorted.AsMemory(0, length), threads);
            var checkStart = clock.Elapsed;
            check.Add(sorted.AsSpan(0, length));
            checking += clock.Elapsed - checkStart;
        }
        var total = clock.Elapsed.TotalSeconds - checking.TotalSeconds;
        check.AssertSortedCopyOf(input.Checksum);
        return new SortTiming(total, sampled, partitioned - sampled, total - partitioned);
    }
}
