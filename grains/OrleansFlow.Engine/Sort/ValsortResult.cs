using System.Text;

namespace OrleansFlow.Engine.Sort;

/// <summary>Where a record is: the file and its index (from 0) in that file.</summary>
public sealed record RecordPosition(string File, long RecordIndex)
{
    public override string ToString() => $"{File} record {RecordIndex}";
}

/// <summary>What valsort found over a directory of record files read in name order.</summary>
/// <param name="Checksum">Sum of per-record CRC-32s and the record count.</param>
/// <param name="DuplicateKeys">Records whose key equals the previous record's key.</param>
/// <param name="UnorderedRecords">Records whose key is less than the previous record's key.</param>
/// <param name="FirstUnordered">The first record out of order, or null.</param>
public sealed record ValsortResult(
    RecordChecksum Checksum, long DuplicateKeys, long UnorderedRecords, RecordPosition? FirstUnordered, int Files)
{
    public long Records => Checksum.Records;

    public bool IsSorted => UnorderedRecords == 0;

    /// <summary>The report in valsort's words.</summary>
    public string Report()
    {
        var text = new StringBuilder()
            .AppendLine($"Files: {Files}")
            .AppendLine($"Records: {Records}")
            .AppendLine($"Checksum: {Checksum.Hex}");
        if (IsSorted)
        {
            text.AppendLine($"Duplicate keys: {DuplicateKeys}").AppendLine("SUCCESS - all records are in order");
        }
        else
        {
            text.AppendLine($"First unordered record: {FirstUnordered}")
                .AppendLine($"ERROR - there are {UnorderedRecords} unordered records");
        }
        return text.ToString();
    }
}
