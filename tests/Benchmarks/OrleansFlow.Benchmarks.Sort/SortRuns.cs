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
    /// sort each partition straight from its buckets in all blocks. Each partition's output is checked and its buffer
    /// reused, as a reducer would write it out and move on. Blocks are partitioned into <paramref name="workspace"/>
    /// (one array per block, kept across runs); with <paramref name="releaseInput"/> the workspace is instead a single
    /// spare array that trades places with each input block once that block is partitioned, so a 10 GB input needs
    /// about its own size in memory, and no more fresh pages than one block (first touches of memory cost ≈ 1.8 s/GB
    /// on this machine, 15× a rewrite). <paramref name="sorted"/> receives each partition in turn.
    /// </summary>
    public static SortTiming Partitioned(
        InMemoryInput input, byte[][] workspace, byte[] sorted, int threads, bool releaseInput)
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
        var spare = workspace[0];
        for (var b = 0; b < blocks.Length; b++)
        {
            var block = blocks[b]!;
            var target = releaseInput ? spare : workspace[b];
            var starts = new int[partitions + 1];
            RecordPartitioner.Partition(block, partitioner, target.AsMemory(0, block.Length), starts, threads);
            scattered[b] = new PartitionedRecords(target.AsMemory(0, block.Length), starts);
            if (releaseInput)
            {
                blocks[b] = null;
                spare = block;
            }
        }
        var partitioned = clock.Elapsed.TotalSeconds;

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
