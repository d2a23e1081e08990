namespace OrleansFlow.Sql.Physical;

/// <summary>How wide to run: partitions per partitioned stage, and the largest build side to broadcast.</summary>
public sealed record PhysicalOptions(int Partitions = 4, double BroadcastRowLimit = 100_000);
