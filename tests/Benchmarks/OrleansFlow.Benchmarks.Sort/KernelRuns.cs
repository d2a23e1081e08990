using System.Diagnostics;
using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Benchmarks.Sort;

/// <summary>Throughput of the map-side kernels on the in-memory input: range partitioning and checksumming.</summary>
internal static class KernelRuns
{
    /// <summary>
    /// Seconds to scatter every block into <paramref name="partitions"/> buckets (sampled split keys), into a
    /// <paramref name="destination"/> as long as the largest block, reused from run to run.
    /// </summary>
    public static double Partition(InMemoryInput input, int partitions, int threads, byte[] destination)
    {
        var blocks = input.Blocks.Select(b => b ?? throw new InvalidOperationException("input was released")).ToArray();
        var sample = blocks.SelectMany(b => KeySampler.Sample(b, 10_000, seed: 2)).ToArray();
        var partitioner = RangePartitioner.FromSample(sample, partitions);
        var starts = new int[partitions + 1];
        var clock = Stopwatch.StartNew();
        foreach (var block in blocks)
        {
            RecordPartitioner.Partition(block, partitioner, destination.AsMemory(0, block.Length), starts, threads);
        }
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Seconds to compute valsort's checksum of every block, 4 MB pieces in parallel.</summary>
    public static double Checksum(InMemoryInput input, int threads)
    {
        const int pieceBytes = 40_000 * SortRecord.Size;
        var pieces = input.Blocks
            .SelectMany(b => Enumerable.Range(0, (b!.Length + pieceBytes - 1) / pieceBytes)
                .Select(i => b.AsMemory(i * pieceBytes, Math.Min(pieceBytes, b.Length - i * pieceBytes))))
            .ToArray();
        var sums = new RecordChecksum[pieces.Length];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, pieces.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => sums[i] = RecordChecksum.Of(pieces[i].Span));
        var seconds = clock.Elapsed.TotalSeconds;
        var total = sums.Aggregate(RecordChecksum.Empty, (a, b) => a + b);
        if (total != input.Checksum)
        {
            throw new InvalidOperationException($"Checksum {total} differs from the generator's {input.Checksum}.");
        }
        return seconds;
    }
}
