using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Benchmarks.Sort;

/// <summary>valsort over sorted output handed over piece by piece (in key order): order across pieces, count, checksum.</summary>
internal sealed class OutputCheck
{
    private RecordKey? _last;
    private RecordChecksum _checksum = RecordChecksum.Empty;
    private long _unordered;

    public void Add(ReadOnlySpan<byte> sorted)
    {
        var count = sorted.Length / SortRecord.Size;
        for (var i = 0; i < count; i++)
        {
            var key = RecordKey.From(sorted[(i * SortRecord.Size)..]);
            if (_last is { } last && key < last)
            {
                _unordered++;
            }
            _last = key;
        }
        _checksum += RecordChecksum.Of(sorted);
    }

    /// <summary>Throws unless every record was in order and the checksum is the input's.</summary>
    public void AssertSortedCopyOf(RecordChecksum input)
    {
        if (_unordered != 0 || _checksum != input)
        {
            throw new InvalidOperationException(
                $"Sort output is wrong: {_unordered} unordered records; output {_checksum}, input {input}.");
        }
    }
}
