using System.Buffers;
using System.Runtime.CompilerServices;

namespace OrleansFlow.Engine.Sort;

/// <summary>
/// Sorts a block of records by key in memory. Each record becomes a 16-byte sort entry — its 80-bit key on top, its
/// index in the low 48 bits — so entries sort as plain numbers and records are moved only once, by the final gather.
/// Entries are first scattered into 256 buckets by their top key byte (one counting pass, one scatter pass, both
/// cut into slices per core); the buckets are then sorted independently in parallel, each by a second counting
/// scatter on the next key byte and a comparison sort of the small sub-buckets. Records with equal keys are
/// ordered by their whole 100 bytes, as `LC_ALL=C sort` orders equal-keyed lines.
/// </summary>
public static unsafe class RecordSorter
{
    private const int RadixBits = 8;
    private const int Buckets = 1 << RadixBits;
    private const int IndexBits = 48;
    private static readonly UInt128 IndexMask = (UInt128.One << IndexBits) - 1;

    /// <summary>Writes the records of <paramref name="records"/> in key order into <paramref name="destination"/> (same length, not overlapping).</summary>
    public static void Sort(ReadOnlyMemory<byte> records, Memory<byte> destination, int maxDegreeOfParallelism = -1)
    {
        var count = SortRecord.CountOf(records.Length, "sorted block");
        if (destination.Length != records.Length)
        {
            throw new ArgumentException($"Destination is {destination.Length} bytes; the records are {records.Length}.", nameof(destination));
        }
        var entries = ArrayPool<UInt128>.Shared.Rent(count);
        var scratch = ArrayPool<UInt128>.Shared.Rent(count);
        try
        {
            using var sourcePin = records.Pin();
            using var destinationPin = destination.Pin();
            var source = (nint)sourcePin.Pointer;
            var target = (nint)destinationPin.Pointer;
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
            var slices = RecordPartitioner.SliceCount(count, maxDegreeOfParallelism);
            var counts = new int[slices * Buckets];

            // Extract entries and count top key bytes.
            Parallel.For(0, slices, options, slice =>
            {
                var (start, end) = RecordPartitioner.SliceBounds(count, slices, slice);
                var bytes = new ReadOnlySpan<byte>((byte*)source, records.Length);
                var sliceCounts = counts.AsSpan(slice * Buckets, Buckets);
                for (var i = start; i < end; i++)
                {
                    var key = RecordKey.From(bytes[(i * SortRecord.Size)..]);
                    entries[i] = ((UInt128)key.Prefix << 64) | ((UInt128)key.Suffix << IndexBits) | (uint)i;
                    sliceCounts[(int)(key.Prefix >> (64 - RadixBits))]++;
                }
            });

            var bucketStarts = new int[Buckets + 1];
            var next = 0;
            for (var b = 0; b < Buckets; b++)
            {
                bucketStarts[b] = next;
                for (var slice = 0; slice < slices; slice++)
                {
                    var n = counts[slice * Buckets + b];
                    counts[slice * Buckets + b] = next;
                    next += n;
                }
            }
            bucketStarts[Buckets] = next;

            Parallel.For(0, slices, options, slice =>
            {
                var (start, end) = RecordPartitioner.SliceBounds(count, slices, slice);
                var nextIndex = counts.AsSpan(slice * Buckets, Buckets);
                for (var i = start; i < end; i++)
                {
                    var entry = entries[i];
                    scratch[nextIndex[(int)(entry >> (128 - RadixBits))]++] = entry;
                }
            });

            // Sort each bucket, then order equal-key runs by whole record.
            Parallel.For(0, Buckets, options, b =>
            {
                var start = bucketStarts[b];
                var length = bucketStarts[b + 1] - start;
                var sorted = entries.AsSpan(start, length);
                SortBucket(scratch.AsSpan(start, length), sorted);
                OrderEqualKeysByRecord(sorted, (byte*)source);
            });

            // Gather records in entry order.
            Parallel.For(0, slices, options, slice =>
            {
                var (start, end) = RecordPartitioner.SliceBounds(count, slices, slice);
                var from = (byte*)source;
                var to = (byte*)target;
                for (var i = start; i < end; i++)
                {
                    var index = (long)(ulong)(entries[i] & IndexMask);
                    Unsafe.CopyBlockUnaligned(to + (long)i * SortRecord.Size, from + index * SortRecord.Size, SortRecord.Size);
                }
            });
        }
        finally
        {
            ArrayPool<UInt128>.Shared.Return(entries);
            ArrayPool<UInt128>.Shared.Return(scratch);
        }
    }

    /// <summary>Sorts <paramref name="records"/> in place (through a copy of the block).</summary>
    public static void SortInPlace(Memory<byte> records, int maxDegreeOfParallelism = -1)
    {
        var copy = ArrayPool<byte>.Shared.Rent(records.Length);
        try
        {
            records.CopyTo(copy);
            Sort(copy.AsMemory(0, records.Length), records, maxDegreeOfParallelism);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>
    /// Sorts the entries of one top-byte bucket into <paramref name="sorted"/>: a counting scatter on the second key byte
    /// makes sub-buckets small enough (about 150 entries per million records) to finish with a comparison sort while
    /// they sit in cache.
    /// </summary>
    private static void SortBucket(Span<UInt128> bucket, Span<UInt128> sorted)
    {
        const int shift = 128 - 2 * RadixBits;
        Span<int> next = stackalloc int[Buckets + 1];
        next.Clear();
        foreach (var entry in bucket)
        {
            next[(int)(entry >> shift) & (Buckets - 1)]++;
        }
        var total = 0;
        for (var b = 0; b < Buckets; b++)
        {
            var n = next[b];
            next[b] = total;
            total += n;
        }
        next[Buckets] = total;
        Span<int> starts = stackalloc int[Buckets + 1];
        next.CopyTo(starts);
        foreach (var entry in bucket)
        {
            sorted[next[(int)(entry >> shift) & (Buckets - 1)]++] = entry;
        }
        for (var b = 0; b < Buckets; b++)
        {
            sorted[starts[b]..starts[b + 1]].Sort();
        }
    }

    /// <summary>Entries with equal keys are in index order after the numeric sort; reorder each such run by full record bytes.</summary>
    private static void OrderEqualKeysByRecord(Span<UInt128> sorted, byte* records)
    {
        for (var start = 0; start < sorted.Length;)
        {
            var key = sorted[start] >> IndexBits;
            var end = start + 1;
            while (end < sorted.Length && sorted[end] >> IndexBits == key)
            {
                end++;
            }
            if (end - start > 1)
            {
                sorted[start..end].Sort(new WholeRecordComparer(records));
            }
            start = end;
        }
    }

    private readonly struct WholeRecordComparer(byte* records) : IComparer<UInt128>
    {
        private readonly nint _records = (nint)records;

        public int Compare(UInt128 x, UInt128 y)
        {
            var a = new ReadOnlySpan<byte>((byte*)_records + (long)(ulong)(x & IndexMask) * SortRecord.Size, SortRecord.Size);
            var b = new ReadOnlySpan<byte>((byte*)_records + (long)(ulong)(y & IndexMask) * SortRecord.Size, SortRecord.Size);
            return a.SequenceCompareTo(b);
        }
    }
}
