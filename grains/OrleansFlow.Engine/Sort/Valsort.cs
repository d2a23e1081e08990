using Microsoft.Win32.SafeHandles;

namespace OrleansFlow.Engine.Sort;

/// <summary>
/// The Sort Benchmark's valsort over a directory: global key order across files in name order (memcmp of the
/// 10-byte keys), record count, duplicate keys, and the checksum. Files are cut into ranges that are scanned in
/// parallel; each range reports its first and last key, and the ranges are joined in order.
/// </summary>
public static class Valsort
{
    /// <summary>Records per range scanned by one task (64 MB).</summary>
    public const int DefaultRangeRecords = 640_000;

    private const int ReadRecords = 40_000; // 4 MB per read

    /// <summary>Validates the record files of <paramref name="directory"/> (see <see cref="RecordFiles.List"/>) in name order.</summary>
    /// <param name="rangeRecords">Files are cut into ranges of this many records, scanned in parallel.</param>
    public static Task<ValsortResult> ValidateAsync(
        string directory, int maxDegreeOfParallelism = -1, int rangeRecords = DefaultRangeRecords,
        CancellationToken cancellationToken = default) =>
        ValidateFilesAsync(RecordFiles.List(directory), maxDegreeOfParallelism, rangeRecords, cancellationToken);

    /// <summary>Validates record files in the order given, as if they were one file.</summary>
    public static async Task<ValsortResult> ValidateFilesAsync(
        IReadOnlyList<string> files, int maxDegreeOfParallelism = -1, int rangeRecords = DefaultRangeRecords,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rangeRecords, 1);
        var ranges = new List<(int File, long Offset, long Length)>();
        var rangeBytes = (long)rangeRecords * SortRecord.Size;
        for (var f = 0; f < files.Count; f++)
        {
            var length = SortRecord.CountOf(new FileInfo(files[f]).Length, files[f]) * SortRecord.Size;
            for (long offset = 0; offset < length; offset += rangeBytes)
            {
                ranges.Add((f, offset, Math.Min(rangeBytes, length - offset)));
            }
        }

        var summaries = new RangeSummary[ranges.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, ranges.Count), options, async (i, ct) =>
        {
            var (file, offset, length) = ranges[i];
            summaries[i] = await ScanAsync(files[file], offset, length, ct);
        });

        var checksum = RecordChecksum.Empty;
        long duplicates = 0, unordered = 0;
        RecordPosition? firstUnordered = null;
        RecordKey? previous = null;
        for (var i = 0; i < summaries.Length; i++)
        {
            var summary = summaries[i];
            var (file, offset, _) = ranges[i];
            checksum += summary.Checksum;
            duplicates += summary.Duplicates;
            unordered += summary.Unordered;
            var recordBase = offset / SortRecord.Size;
            if (previous is { } last)
            {
                // The boundary between this range and the one before it (maybe in an earlier file).
                var boundary = summary.First.CompareTo(last);
                if (boundary < 0)
                {
                    unordered++;
                    firstUnordered ??= new RecordPosition(files[file], recordBase);
                }
                else if (boundary == 0)
                {
                    duplicates++;
                }
            }
            if (summary.FirstUnordered >= 0)
            {
                firstUnordered ??= new RecordPosition(files[file], recordBase + summary.FirstUnordered);
            }
            previous = summary.Last;
        }
        return new ValsortResult(checksum, duplicates, unordered, firstUnordered, files.Count);
    }

    /// <summary>The checksum (and count) of all records of a directory, in any order: for a sort's input.</summary>
    public static async Task<RecordChecksum> ChecksumAsync(
        string directory, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default) =>
        (await ValidateAsync(directory, maxDegreeOfParallelism, DefaultRangeRecords, cancellationToken)).Checksum;

    /// <summary>Order, duplicates and checksum of one byte range (whole records) of a file.</summary>
    private static async Task<RangeSummary> ScanAsync(string path, long offset, long length, CancellationToken ct)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(ReadRecords * SortRecord.Size);
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            var scan = new RangeScan();
            const int chunkBytes = ReadRecords * SortRecord.Size;
            for (long done = 0; done < length;)
            {
                var want = (int)Math.Min(chunkBytes, length - done);
                var got = 0;
                while (got < want)
                {
                    var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(got, want - got), offset + done + got, ct);
                    if (read == 0)
                    {
                        throw new InvalidDataException($"{path}: file ended at byte {offset + done + got} while reading records (was it truncated while being validated?).");
                    }
                    got += read;
                }
                scan.Add(buffer.AsSpan(0, want));
                done += want;
            }
            return scan.Summary;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>First and last key, counts, and the first out-of-order record index of a range.</summary>
    private readonly record struct RangeSummary(
        RecordKey First, RecordKey Last, RecordChecksum Checksum, long Duplicates, long Unordered, long FirstUnordered);

    /// <summary>Running state of a scan over consecutive record buffers.</summary>
    private sealed class RangeScan
    {
        private RecordKey _first, _last;
        private RecordChecksum _checksum = RecordChecksum.Empty;
        private long _records, _duplicates, _unordered, _firstUnordered = -1;

        public RangeSummary Summary => new(_first, _last, _checksum, _duplicates, _unordered, _firstUnordered);

        public void Add(ReadOnlySpan<byte> records)
        {
            var count = records.Length / SortRecord.Size;
            for (var i = 0; i < count; i++)
            {
                var key = RecordKey.From(records[(i * SortRecord.Size)..]);
                if (_records + i == 0)
                {
                    _first = key;
                }
                else
                {
                    var order = key.CompareTo(_last);
                    if (order < 0)
                    {
                        _unordered++;
                        if (_firstUnordered < 0)
                        {
                            _firstUnordered = _records + i;
                        }
                    }
                    else if (order == 0)
                    {
                        _duplicates++;
                    }
                }
                _last = key;
            }
            _records += count;
            _checksum += RecordChecksum.Of(records);
        }
    }
}
