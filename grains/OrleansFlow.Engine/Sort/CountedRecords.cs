using System.Buffers;
using System.Runtime.CompilerServices;

namespace OrleansFlow.Engine.Sort;

/// <summary>
/// A block of records whose partitions are known and counted (<see cref="RecordPartitioner.Count"/>) but not yet
/// moved: the caller learns each partition's size first, finds a place for every partition (say, a memory-tier block
/// of exactly that size, so the records go straight into the store instead of through a staging copy), then calls
/// <see cref="ScatterInto"/> once. Holds the block pinned and a pooled partition id per record until disposed.
/// </summary>
public sealed unsafe class CountedRecords : IDisposable
{
    private readonly ReadOnlyMemory<byte> _records;
    private readonly int _partitions;
    private readonly int _slices;
    private readonly ushort[] _partitionIds;
    // _counts[slice * partitions + p]: the count of partition p in the slice.
    private readonly int[] _counts;
    private readonly int[] _totals;
    private readonly int _maxDegreeOfParallelism;
    private MemoryHandle _pin;
    private bool _scattered;
    private bool _disposed;

    internal CountedRecords(
        ReadOnlyMemory<byte> records, int partitions, int slices, ushort[] partitionIds, int[] counts, MemoryHandle pin, int maxDegreeOfParallelism)
    {
        _records = records;
        _partitions = partitions;
        _slices = slices;
        _partitionIds = partitionIds;
        _counts = counts;
        _pin = pin;
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
        _totals = new int[partitions];
        for (var slice = 0; slice < slices; slice++)
        {
            for (var p = 0; p < partitions; p++)
            {
                _totals[p] += counts[slice * partitions + p];
            }
        }
    }

    public int Partitions => _partitions;

    /// <summary>Records of partition <paramref name="partition"/> in the block.</summary>
    public int RecordCount(int partition) => _totals[partition];

    /// <summary>
    /// Copies every record into its partition's destination, in input order within a partition. Destination p must be
    /// exactly <see cref="RecordCount"/>(p) records long (empty for an empty partition) and overlap neither the block
    /// nor another destination. Call once.
    /// </summary>
    public void ScatterInto(IReadOnlyList<Memory<byte>> destinations)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_scattered)
            throw new InvalidOperationException("The records were already scattered.");
        if (destinations.Count != _partitions)
            throw new ArgumentException($"{destinations.Count} destinations for {_partitions} partitions.", nameof(destinations));
        for (var p = 0; p < _partitions; p++)
        {
            if (destinations[p].Length != (long)_totals[p] * SortRecord.Size)
                throw new ArgumentException($"Destination {p} is {destinations[p].Length} bytes; partition {p} holds {(long)_totals[p] * SortRecord.Size}.", nameof(destinations));
            if (destinations[p].Span.Overlaps(_records.Span))
                throw new ArgumentException($"Destination {p} overlaps the records being partitioned.", nameof(destinations));
        }
        _scattered = true;

        // Each slice writes its records of partition p after the earlier slices' ones: turn counts into start indexes.
        for (var p = 0; p < _partitions; p++)
        {
            var next = 0;
            for (var slice = 0; slice < _slices; slice++)
            {
                var n = _counts[slice * _partitions + p];
                _counts[slice * _partitions + p] = next;
                next += n;
            }
        }
        var pins = new MemoryHandle[_partitions];
        var targets = new nint[_partitions];
        try
        {
            for (var p = 0; p < _partitions; p++)
            {
                pins[p] = destinations[p].Pin();
                targets[p] = (nint)pins[p].Pointer;
            }
            var source = (nint)_pin.Pointer;
            var count = _records.Length / SortRecord.Size;
            var options = new ParallelOptions { MaxDegreeOfParallelism = _maxDegreeOfParallelism, TaskScheduler = TaskScheduler.Current };
            Parallel.For(0, _slices, options, slice => Scatter(slice, count, source, targets));
        }
        finally
        {
            foreach (var pin in pins)
            {
                pin.Dispose();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scatter(int slice, int count, nint source, nint[] targets)
    {
        var (start, end) = RecordPartitioner.SliceBounds(count, _slices, slice);
        var nextIndex = _counts.AsSpan(slice * _partitions, _partitions);
        var from = (byte*)source;
        for (var i = start; i < end; i++)
        {
            var p = _partitionIds[i];
            var at = nextIndex[p]++;
            Unsafe.CopyBlockUnaligned((byte*)targets[p] + (long)at * SortRecord.Size, from + (long)i * SortRecord.Size, SortRecord.Size);
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _pin.Dispose();
        ArrayPool<ushort>.Shared.Return(_partitionIds);
    }
}
