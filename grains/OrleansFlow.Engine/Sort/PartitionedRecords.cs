namespace OrleansFlow.Engine.Sort;

/// <summary>Records grouped by partition: bucket r is the records of partition r, in their input order.</summary>
public sealed class PartitionedRecords
{
    private readonly int[] _bucketStarts;

    /// <param name="records">All records, bucket after bucket.</param>
    /// <param name="bucketStarts">R+1 record indexes: bucket r is records [bucketStarts[r], bucketStarts[r+1]).</param>
    public PartitionedRecords(ReadOnlyMemory<byte> records, int[] bucketStarts)
    {
        Records = records;
        _bucketStarts = bucketStarts;
    }

    public ReadOnlyMemory<byte> Records { get; }

    public int Partitions => _bucketStarts.Length - 1;

    public int RecordCount(int partition) => _bucketStarts[partition + 1] - _bucketStarts[partition];

    public ReadOnlyMemory<byte> Bucket(int partition) =>
        Records.Slice(_bucketStarts[partition] * SortRecord.Size, RecordCount(partition) * SortRecord.Size);
}
