namespace OrleansFlow.Sql.Physical;

/// <summary>
/// How wide to run: partitions per partitioned stage; the largest build side to broadcast; and the largest table
/// (rows) that a broadcast build side may scan and still be read whole by every task that joins with it, instead of
/// being read by one task of a stage of its own and sent through an exchange — for a dimension table such as
/// TPC-DS's date_dim (73 049 rows at every scale) that stage and exchange cost more than reading it again.
/// </summary>
public sealed record PhysicalOptions(int Partitions = 4, double BroadcastRowLimit = 100_000, long ReplicateRowLimit = 100_000)
{
    /// <summary>How deep the query may nest; every task of a job plans with the job's limits, so all see the same stages.</summary>
    public SqlLimits Limits { get; init; } = SqlLimits.Default;
}
