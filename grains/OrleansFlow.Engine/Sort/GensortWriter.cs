using Microsoft.Win32.SafeHandles;

namespace OrleansFlow.Engine.Sort;

/// <summary>What <see cref="GensortWriter.GenerateAsync"/> wrote.</summary>
/// <param name="Files">The partition files, in name (and record) order.</param>
/// <param name="Checksum">valsort's checksum of all records, computed while generating.</param>
public sealed record GensortOutput(IReadOnlyList<string> Files, RecordChecksum Checksum);

/// <summary>
/// Writes gensort input: records 0..N-1 split into contiguous ranges, one file per partition, so the concatenation
/// of the files in name order is the same bytes whatever the number of partitions. Chunks of every file are made in
/// parallel and written at their offsets.
/// </summary>
public static class GensortWriter
{
    private const int ChunkRecords = 40_000; // 4 MB: big enough for sequential writes, small enough to spread over cores

    public static async Task<GensortOutput> GenerateAsync(
        long records, string outputDir, int partitions, bool ascii, ulong seed,
        int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Directory.CreateDirectory(outputDir);
        var files = new string[partitions];
        for (var p = 0; p < partitions; p++)
        {
            files[p] = Path.Combine(outputDir, RecordFiles.PartitionFileName(p, partitions));
        }
        // A leftover file from an earlier run with more partitions would be read as part of this input.
        var names = files.Select(Path.GetFileName).ToHashSet();
        var stale = RecordFiles.List(outputDir).FirstOrDefault(existing => !names.Contains(Path.GetFileName(existing)));
        if (stale is not null)
        {
            throw new IOException(
                $"Output directory '{outputDir}' already holds record file '{Path.GetFileName(stale)}', which this run would not overwrite; remove it first.");
        }

        var handles = new SafeFileHandle[partitions];
        var chunks = new List<(int Partition, long FirstRecord, int Count, long FileOffset)>();
        try
        {
            for (var p = 0; p < partitions; p++)
            {
                var first = PartitionStart(records, partitions, p);
                var end = PartitionStart(records, partitions, p + 1);
                handles[p] = File.OpenHandle(files[p], FileMode.Create, FileAccess.Write, FileShare.None,
                    FileOptions.None, (end - first) * SortRecord.Size);
                for (var r = first; r < end; r += ChunkRecords)
                {
                    chunks.Add((p, r, (int)Math.Min(ChunkRecords, end - r), (r - first) * SortRecord.Size));
                }
            }

            var checksums = new RecordChecksum[chunks.Count];
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, chunks.Count), options, async (i, ct) =>
            {
                var (partition, firstRecord, count, fileOffset) = chunks[i];
                var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(count * SortRecord.Size);
                try
                {
                    var memory = buffer.AsMemory(0, count * SortRecord.Size);
                    GensortRecords.Generate(memory.Span, firstRecord, ascii, seed);
                    checksums[i] = RecordChecksum.Of(memory.Span);
                    await RandomAccess.WriteAsync(handles[partition], memory, fileOffset, ct);
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }
            });

            var total = RecordChecksum.Empty;
            foreach (var checksum in checksums)
            {
                total += checksum;
            }
            return new GensortOutput(files, total);
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle?.Dispose();
            }
        }
    }

    /// <summary>The first record of partition <paramref name="partition"/>: ranges differ in size by at most one record.</summary>
    public static long PartitionStart(long records, int partitions, int partition) =>
        (long)((UInt128)records * (uint)partition / (uint)partitions);
}
