using System.Buffers;
using System.Runtime.CompilerServices;

namespace OrleansFlow.Engine.Sort;

/// <summary>
/// Sorts blocks of records by key in memory. Each record becomes a 16-byte sort entry — its 80-bit key on top, its
/// index in the low 48 bits — so entries sort as plain numbers and records are moved only once, by the final gather.
/// Entries are first scattered into 256 buckets by their top key byte (one counting pass, one scatter pass, both
/// cut into slices per core); the buckets are then sorted independently in parallel, each by a second counting
/// scatter on the next key byte (and more while sub-buckets stay large) and a comparison sort of the small
/// sub-buckets. Records with equal keys are
/// ordered by their whole 100 bytes, as `LC_ALL=C sort` orders equal-keyed lines.
/// </summary>
public static unsafe class RecordSorter
{
    private const int RadixBits = 8;
    private const int Buckets = 1 << RadixBits;
    private const int IndexBits = 48; // 16 bits of block number, 32 bits of record number in the block
    private const int BlockOffsetBits = 32;
    private const int LargeSubBucket = 512; // above this, another radix pass beats a comparison sort
    private const int BucketsPerGroup = 16; // sorted together before the sorted prefix is handed out
    private static readonly UInt128 IndexMask = (UInt128.One << IndexBits) - 1;

    /// <summary>Writes the records of <paramref name="records"/> in key order into <paramref name="destination"/> (same length, not overlapping).</summary>
    public static void Sort(ReadOnlyMemory<byte> records, Memory<byte> destination, int maxDegreeOfParallelism = -1) =>
        Sort([records], destination, maxDegreeOfParallelism);

    /// <summary>
    /// Writes the records of several blocks (say, the shuffle blocks of one reduce partition as they were fetched) in
    /// key order into <paramref name="destination"/>, whose length is their total, without first copying them
    /// together. At most 65,536 blocks.
    /// </summary>
    public static void Sort(IReadOnlyList<ReadOnlyMemory<byte>> blocks, Memory<byte> destination, int maxDegreeOfParallelism = -1)
    {
        var total = CountRecords(blocks);
        for (var b = 0; b < blocks.Count; b++)
        {
            if (blocks[b].Span.Overlaps(destination.Span))
            {
                throw new ArgumentException($"Sorted block {b} overlaps the destination; the gather would overwrite records it has yet to read.", nameof(destination));
            }
        }
        if (destination.Length != total * SortRecord.Size)
        {
            throw new ArgumentException($"Destination is {destination.Length} bytes; the records are {total * SortRecord.Size}.", nameof(destination));
        }
        using var destinationPin = destination.Pin();
        var target = (nint)destinationPin.Pointer;
        SortEntries(blocks, (int)total, maxDegreeOfParallelism, Memory<byte>.Empty, (entries, blockAddresses) =>
            Gather(entries, 0, (int)total, blockAddresses, target, maxDegreeOfParallelism));
    }

    /// <summary>
    /// Sorts the records of <paramref name="blocks"/> like <see cref="Sort(IReadOnlyList{ReadOnlyMemory{byte}}, Memory{byte}, int)"/>
    /// but hands them out in key order, a piece at a time, through <paramref name="pieceBuffer"/> (a whole number of
    /// records long, at least one): <paramref name="write"/> gets each filled piece and must be done with it when it
    /// returns. A reducer that writes a file this way needs no second buffer as large as its input. Returns the
    /// number of records.
    /// </summary>
    public static long SortInPieces(
        IReadOnlyList<ReadOnlyMemory<byte>> blocks, Memory<byte> pieceBuffer, Action<ReadOnlyMemory<byte>> write,
        int maxDegreeOfParallelism = -1, Memory<byte> workspace = default) =>
        SortInPieces(blocks, [pieceBuffer], write, maxDegreeOfParallelism, workspace);

    /// <summary>
    /// As <see cref="SortInPieces(IReadOnlyList{ReadOnlyMemory{byte}}, Memory{byte}, Action{ReadOnlyMemory{byte}}, int, Memory{byte})"/>,
    /// with several piece buffers of one size used in turn: piece i is gathered into <c>pieceBuffers[i % n]</c>, and
    /// <paramref name="write"/> must be done with a piece only by the time it returns for the piece n-1 later. With
    /// two buffers a writer can write one piece in the background while the sorter gathers the next.
    /// </summary>
    public static long SortInPieces(
        IReadOnlyList<ReadOnlyMemory<byte>> blocks, IReadOnlyList<Memory<byte>> pieceBuffers, Action<ReadOnlyMemory<byte>> write,
        int maxDegreeOfParallelism = -1, Memory<byte> workspace = default)
    {
        var total = (int)CountRecords(blocks);
        if (pieceBuffers.Count == 0)
        {
            throw new ArgumentException("At least one piece buffer is needed.", nameof(pieceBuffers));
        }
        var pieceBytes = pieceBuffers[0].Length;
        var pieceRecords = pieceBytes / SortRecord.Size;
        if (pieceRecords < 1 || pieceBytes % SortRecord.Size != 0)
        {
            throw new ArgumentException($"Piece buffer is {pieceBytes} bytes; it must hold a whole number (at least one) of {SortRecord.Size}-byte records.", nameof(pieceBuffers));
        }
        var pins = new MemoryHandle[pieceBuffers.Count];
        try
        {
            var targets = new nint[pieceBuffers.Count];
            for (var b = 0; b < pieceBuffers.Count; b++)
            {
                if (pieceBuffers[b].Length != pieceBytes)
                {
                    throw new ArgumentException($"Piece buffer {b} is {pieceBuffers[b].Length} bytes, buffer 0 {pieceBytes}: they must be of one size.", nameof(pieceBuffers));
                }
                pins[b] = pieceBuffers[b].Pin();
                targets[b] = (nint)pins[b].Pointer;
            }
            // Pieces go out as soon as the entries they cover are sorted: a writer that writes in the background
            // (a file, say) starts while later buckets are still being sorted, instead of after the whole sort.
            var (next, piece) = (0, 0);
            void HandOut(nint entries, nint[] blockAddresses, int sorted)
            {
                while (next < total && (next + pieceRecords <= sorted || sorted == total))
                {
                    var count = Math.Min(pieceRecords, total - next);
                    var buffer = piece % pieceBuffers.Count;
                    Gather(entries, next, count, blockAddresses, targets[buffer], maxDegreeOfParallelism);
                    write(pieceBuffers[buffer][..(count * SortRecord.Size)]);
                    next += count;
                    piece++;
                }
            }
            SortEntries(blocks, total, maxDegreeOfParallelism, workspace, (entries, blockAddresses) => HandOut(entries, blockAddresses, total), HandOut);
        }
        finally
        {
            foreach (var pin in pins)
            {
                pin.Dispose();
            }
        }
        return total;
    }

    /// <summary>
    /// Bytes of working memory a sort of <paramref name="records"/> records uses (two 16-byte entries per record): a
    /// caller that passes a <c>workspace</c> this large to <see cref="SortInPieces"/> spares the sort a pooled allocation.
    /// </summary>
    public static long WorkspaceBytes(long records) => 2 * records * sizeof(UInt128);

    /// <summary>Records in <paramref name="blocks"/>, checking that each is whole records and that one sort can hold them.</summary>
    public static long CountRecords(IReadOnlyList<ReadOnlyMemory<byte>> blocks)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blocks.Count, 1 << (IndexBits - BlockOffsetBits), nameof(blocks));
        long total = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            total += SortRecord.CountOf(blocks[b].Length, $"sorted block {b}");
        }
        if (total > int.MaxValue)
        {
            throw new ArgumentException($"The blocks hold {total} records; one in-memory sort holds at most {int.MaxValue}.", nameof(blocks));
        }
        return total;
    }

    /// <summary>
    /// Builds the sorted entries of <paramref name="count"/> records in <paramref name="blocks"/> and passes their
    /// address, with the blocks' pinned addresses, to <paramref name="consume"/>; the entries are valid only during that
    /// call. They live in <paramref name="workspace"/> when it holds <see cref="WorkspaceBytes"/>, else in pooled arrays.
    /// With <paramref name="sortedPrefix"/>, the top-byte buckets are sorted in key order a group at a time and it is
    /// told, after each group, how many leading entries are final.
    /// </summary>
    private static void SortEntries(
        IReadOnlyList<ReadOnlyMemory<byte>> blocks, int count, int maxDegreeOfParallelism, Memory<byte> workspace, Action<nint, nint[]> consume,
        Action<nint, nint[], int>? sortedPrefix = null)
    {
        var slices = Slices(blocks, maxDegreeOfParallelism);
        var ownWorkspace = workspace.Length < WorkspaceBytes(count);
        var entryArray = ownWorkspace ? ArrayPool<UInt128>.Shared.Rent(count) : null;
        var scratchArray = ownWorkspace ? ArrayPool<UInt128>.Shared.Rent(count) : null;
        var entriesPin = ownWorkspace ? entryArray.AsMemory().Pin() : workspace.Pin();
        var scratchPin = ownWorkspace ? scratchArray.AsMemory().Pin() : default;
        var pins = new MemoryHandle[blocks.Count];
        try
        {
            var entriesAddress = (nint)entriesPin.Pointer;
            var scratchAddress = ownWorkspace ? (nint)scratchPin.Pointer : entriesAddress + (nint)count * sizeof(UInt128);
            var blockAddresses = new nint[blocks.Count];
            for (var b = 0; b < blocks.Count; b++)
            {
                pins[b] = blocks[b].Pin();
                blockAddresses[b] = (nint)pins[b].Pointer;
            }
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, TaskScheduler = TaskScheduler.Current };
            var counts = new int[slices.Count * Buckets];

            // Extract entries and count top key bytes.
            Parallel.For(0, slices.Count, options, s =>
            {
                var slice = slices[s];
                var from = (byte*)blockAddresses[slice.Block];
                var sliceCounts = counts.AsSpan(s * Buckets, Buckets);
                var blockBits = (UInt128)(ulong)slice.Block << BlockOffsetBits;
                var entries = (UInt128*)entriesAddress;
                for (var i = 0; i < slice.Count; i++)
                {
                    var record = slice.First + i;
                    var key = RecordKey.From(new ReadOnlySpan<byte>(from + (long)record * SortRecord.Size, SortRecord.KeySize));
                    entries[slice.EntryStart + i] = ((UInt128)key.Prefix << 64) | ((UInt128)key.Suffix << IndexBits) | blockBits | (uint)record;
                    sliceCounts[(int)(key.Prefix >> (64 - RadixBits))]++;
                }
            });

            var bucketStarts = new int[Buckets + 1];
            var next = 0;
            for (var b = 0; b < Buckets; b++)
            {
                bucketStarts[b] = next;
                for (var s = 0; s < slices.Count; s++)
                {
                    var n = counts[s * Buckets + b];
                    counts[s * Buckets + b] = next;
                    next += n;
                }
            }
            bucketStarts[Buckets] = next;

            Parallel.For(0, slices.Count, options, s =>
            {
                var slice = slices[s];
                var nextIndex = counts.AsSpan(s * Buckets, Buckets);
                var entries = (UInt128*)entriesAddress;
                var scratch = (UInt128*)scratchAddress;
                for (var i = slice.EntryStart; i < slice.EntryStart + slice.Count; i++)
                {
                    var entry = entries[i];
                    scratch[nextIndex[(int)(entry >> (128 - RadixBits))]++] = entry;
                }
            });

            // Sort each bucket, then order equal-key runs by whole record (equal keys share a bucket).
            var group = sortedPrefix is null ? Buckets : BucketsPerGroup;
            for (var first = 0; first < Buckets; first += group)
            {
                Parallel.For(first, first + group, options, b =>
                {
                    var start = bucketStarts[b];
                    var length = bucketStarts[b + 1] - start;
                    var sorted = new Span<UInt128>((UInt128*)entriesAddress + start, length);
                    SortBucket(new Span<UInt128>((UInt128*)scratchAddress + start, length), sorted);
                    OrderEqualKeysByRecord(sorted, blockAddresses);
                });
                sortedPrefix?.Invoke(entriesAddress, blockAddresses, bucketStarts[first + group]);
            }

            consume(entriesAddress, blockAddresses);
        }
        finally
        {
            foreach (var pin in pins)
            {
                pin.Dispose();
            }
            entriesPin.Dispose();
            scratchPin.Dispose();
            if (ownWorkspace)
            {
                ArrayPool<UInt128>.Shared.Return(entryArray!);
                ArrayPool<UInt128>.Shared.Return(scratchArray!);
            }
        }
    }

    /// <summary>Copies the records of entries [<paramref name="first"/>, first + count) in order to <paramref name="target"/>.</summary>
    private static void Gather(nint entriesAddress, int first, int count, nint[] blockAddresses, nint target, int maxDegreeOfParallelism)
    {
        var gatherSlices = RecordPartitioner.SliceCount(count, maxDegreeOfParallelism);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, TaskScheduler = TaskScheduler.Current };
        Parallel.For(0, gatherSlices, options, slice =>
        {
            var (start, end) = RecordPartitioner.SliceBounds(count, gatherSlices, slice);
            var to = (byte*)target;
            var entries = (UInt128*)entriesAddress + first;
            for (var i = start; i < end; i++)
            {
                Unsafe.CopyBlockUnaligned(to + (long)i * SortRecord.Size, RecordAddress(blockAddresses, entries[i]), SortRecord.Size);
            }
        });
    }

    /// <summary>The record an entry stands for: block number and record number in the block are its low 48 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* RecordAddress(nint[] blockAddresses, UInt128 entry)
    {
        var index = (ulong)(entry & IndexMask);
        return (byte*)blockAddresses[(int)(index >> BlockOffsetBits)] + (long)(uint)index * SortRecord.Size;
    }

    /// <summary>Units of work for the extract and scatter passes: runs of records within one block, in entry order.</summary>
    private static List<(int Block, int First, int Count, int EntryStart)> Slices(
        IReadOnlyList<ReadOnlyMemory<byte>> blocks, int maxDegreeOfParallelism)
    {
        var slices = new List<(int Block, int First, int Count, int EntryStart)>();
        var entryStart = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var records = blocks[b].Length / SortRecord.Size;
            var pieces = RecordPartitioner.SliceCount(records, maxDegreeOfParallelism);
            for (var piece = 0; piece < pieces && records > 0; piece++)
            {
                var (first, end) = RecordPartitioner.SliceBounds(records, pieces, piece);
                slices.Add((b, first, end - first, entryStart + first));
            }
            entryStart += records;
        }
        return slices;
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
    /// Sorts the entries of one top-byte bucket into <paramref name="sorted"/>, <paramref name="keyByte"/> being the
    /// key byte to scatter on: a counting scatter makes sub-buckets that are finished by a comparison sort while they
    /// sit in cache, or, if still large (keys that use few byte values, such as ASCII keys, or skewed keys), by the
    /// same scatter on the next key byte. <paramref name="bucket"/> is free to use as scratch afterwards.
    /// </summary>
    private static void SortBucket(Span<UInt128> bucket, Span<UInt128> sorted, int keyByte = 1)
    {
        var shift = 120 - 8 * keyByte;
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
            var subBucket = sorted[starts[b]..starts[b + 1]];
            if (subBucket.Length > LargeSubBucket && keyByte + 1 < SortRecord.KeySize)
            {
                var free = bucket[starts[b]..starts[b + 1]];
                subBucket.CopyTo(free);
                SortBucket(free, subBucket, keyByte + 1);
            }
            else
            {
                subBucket.Sort();
            }
        }
    }

    /// <summary>Entries with equal keys are in block and record order after the numeric sort; reorder each such run by full record bytes.</summary>
    private static void OrderEqualKeysByRecord(Span<UInt128> sorted, nint[] blockAddresses)
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
                sorted[start..end].Sort(new WholeRecordComparer(blockAddresses));
            }
            start = end;
        }
    }

    private readonly struct WholeRecordComparer(nint[] blockAddresses) : IComparer<UInt128>
    {
        public int Compare(UInt128 x, UInt128 y) =>
            new ReadOnlySpan<byte>(RecordAddress(blockAddresses, x), SortRecord.Size)
                .SequenceCompareTo(new ReadOnlySpan<byte>(RecordAddress(blockAddresses, y), SortRecord.Size));
    }
}
