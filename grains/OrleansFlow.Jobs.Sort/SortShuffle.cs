using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Jobs.Sort;

/// <summary>
/// Where a sort job's blocks are registered: the sample task's split keys under one shuffle name (partition 0),
/// the map tasks' record buckets under another (one partition per reducer).
/// </summary>
internal static class SortShuffle
{
    public const string SplitKeysName = "sort-splits";
    public const string RecordsName = "sort-records";

    public const int SampleStage = 0;
    public const int MapStage = 1;

    public static ShuffleInput SplitKeys { get; } = new(SplitKeysName, 0, SampleStage, Producers: 1);

    public static ShuffleInput Records(int partition, int mapTasks) => new(RecordsName, partition, MapStage, mapTasks);
}
