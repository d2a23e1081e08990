namespace OrleansFlow.Sql.Physical;

/// <summary>How a node's output rows are spread: all in one partition, or across N partitions.</summary>
internal readonly record struct Distribution(int Partitions)
{
    public static readonly Distribution Single = new(1);
    public bool IsSingle => Partitions == 1;
}
