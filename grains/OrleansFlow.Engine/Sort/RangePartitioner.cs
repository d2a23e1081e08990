using System.Runtime.CompilerServices;

namespace OrleansFlow.Engine.Sort;

/// <summary>
/// Range partitioning by R-1 sorted split keys: partition r holds keys k with split[r-1] &lt;= k &lt; split[r], so
/// partition r's keys all precede partition r+1's. A key's partition is the number of split keys &lt;= it, found by a
/// table on the top 12 key bits that narrows the range, then a binary search over (prefix, suffix) numbers.
/// </summary>
public sealed class RangePartitioner
{
    private const int TableBits = 12;

    private readonly ulong[] _prefixes;
    private readonly ushort[] _suffixes;
    // _firstSplitAtOrAbove[t]: the number of split keys whose top bits are below t (length 2^TableBits + 1).
    private readonly int[] _firstSplitAtOrAbove;

    /// <summary>Partitions from split keys, which must be sorted (equal neighbours are allowed: the partition between is empty).</summary>
    public RangePartitioner(IReadOnlyList<RecordKey> splitKeys)
    {
        _prefixes = new ulong[splitKeys.Count];
        _suffixes = new ushort[splitKeys.Count];
        for (var i = 0; i < splitKeys.Count; i++)
        {
            if (i > 0 && splitKeys[i] < splitKeys[i - 1])
            {
                throw new ArgumentException(
                    $"Split keys must be sorted: split key {i} ({splitKeys[i]}) is less than split key {i - 1} ({splitKeys[i - 1]}).",
                    nameof(splitKeys));
            }
            _prefixes[i] = splitKeys[i].Prefix;
            _suffixes[i] = splitKeys[i].Suffix;
        }
        _firstSplitAtOrAbove = new int[(1 << TableBits) + 1];
        var split = 0;
        for (var top = 0; top <= 1 << TableBits; top++)
        {
            while (split < _prefixes.Length && (int)(_prefixes[split] >> (64 - TableBits)) < top)
            {
                split++;
            }
            _firstSplitAtOrAbove[top] = split;
        }
    }

    /// <summary>Partitions from split keys packed as 10 bytes each (<see cref="SplitKeyBytes"/>), e.g. after a trip through a message.</summary>
    public static RangePartitioner FromBytes(ReadOnlySpan<byte> packedSplitKeys)
    {
        var count = packedSplitKeys.Length / SortRecord.KeySize;
        if (packedSplitKeys.Length % SortRecord.KeySize != 0)
        {
            throw new ArgumentException(
                $"Packed split keys are {packedSplitKeys.Length} bytes, not a multiple of the {SortRecord.KeySize}-byte key.",
                nameof(packedSplitKeys));
        }
        var keys = new RecordKey[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = RecordKey.From(packedSplitKeys.Slice(i * SortRecord.KeySize, SortRecord.KeySize));
        }
        return new RangePartitioner(keys);
    }

    /// <summary>
    /// R partitions of roughly equal size from a sample of keys (any order): the split keys are the sample's
    /// R-quantiles.
    /// </summary>
    public static RangePartitioner FromSample(IReadOnlyCollection<RecordKey> sample, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        if (partitions > 1 && sample.Count == 0)
        {
            throw new ArgumentException($"Cannot choose {partitions - 1} split keys from an empty sample.", nameof(sample));
        }
        var sorted = sample.ToArray();
        Array.Sort(sorted);
        var splits = new RecordKey[partitions - 1];
        for (var r = 1; r < partitions; r++)
        {
            splits[r - 1] = sorted[(int)((long)sorted.Length * r / partitions)];
        }
        return new RangePartitioner(splits);
    }

    public int Partitions => _prefixes.Length + 1;

    public IReadOnlyList<RecordKey> SplitKeys
    {
        get
        {
            var keys = new RecordKey[_prefixes.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = new RecordKey(_prefixes[i], _suffixes[i]);
            }
            return keys;
        }
    }

    /// <summary>The split keys packed as 10 bytes each, for <see cref="FromBytes"/>.</summary>
    public byte[] SplitKeyBytes()
    {
        var bytes = new byte[_prefixes.Length * SortRecord.KeySize];
        for (var i = 0; i < _prefixes.Length; i++)
        {
            new RecordKey(_prefixes[i], _suffixes[i]).WriteTo(bytes.AsSpan(i * SortRecord.KeySize));
        }
        return bytes;
    }

    /// <summary>The partition of the record (or key) starting at <paramref name="keyOrRecord"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int PartitionOf(ReadOnlySpan<byte> keyOrRecord) => PartitionOf(RecordKey.From(keyOrRecord));

    /// <summary>The number of split keys &lt;= <paramref name="key"/>.</summary>
    public int PartitionOf(RecordKey key)
    {
        var top = (int)(key.Prefix >> (64 - TableBits));
        // Splits with lower top bits are all <= key; those with higher top bits are all > key.
        int low = _firstSplitAtOrAbove[top], high = _firstSplitAtOrAbove[top + 1];
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var prefix = _prefixes[middle];
            if (prefix < key.Prefix || (prefix == key.Prefix && _suffixes[middle] <= key.Suffix))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
