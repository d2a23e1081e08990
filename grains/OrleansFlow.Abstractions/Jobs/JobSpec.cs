using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Abstractions.Jobs;

/// <summary>What a user asks the fabric to run. Small: inputs are paths, user code is referenced by id.</summary>
[GenerateSerializer, Immutable]
public sealed record JobSpec
{
    /// <summary>A name for people (shown by <c>orleansflow jobs</c>).</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The planner that turns this job into stages, e.g. <see cref="JobKinds.MapReduce"/>.</summary>
    [Id(1)] public required string Kind { get; init; }

    /// <summary>Input files or directories, visible to every silo (local disk on one host, or a shared file system).</summary>
    [Id(2)] public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Where tasks write their output files; null lets the job choose a folder under the silo's work directory.</summary>
    [Id(3)] public string? OutputDirectory { get; init; }

    /// <summary>Number of reduce partitions; 0 lets the job choose (two per live silo).</summary>
    [Id(4)] public int Reducers { get; init; }

    /// <summary>Where intermediate data lives.</summary>
    [Id(5)] public ShuffleStoreKind Shuffle { get; init; } = ShuffleStoreKind.Memory;

    /// <summary>Full name of the program type (for MapReduce: a <c>MapReduceJob&lt;TKey,TValue&gt;</c>).</summary>
    [Id(6)] public string? ProgramType { get; init; }

    /// <summary>Id of uploaded user code (<see cref="ICodeGrain"/>); null when the program is built in.</summary>
    [Id(7)] public string? CodeId { get; init; }

    /// <summary>Free-form parameters for the planner and the program.</summary>
    [Id(8)] public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Attempts per task before the job fails with the task's error.</summary>
    [Id(9)] public int MaxTaskAttempts { get; init; } = 3;

    /// <summary>Input split size in bytes; 0 lets the job choose.</summary>
    [Id(10)] public long SplitSizeBytes { get; init; }
}

/// <summary>The job kinds the fabric knows how to plan.</summary>
public static class JobKinds
{
    /// <summary>Map, optional combiner, shuffle, reduce.</summary>
    public const string MapReduce = "mapreduce";

    /// <summary>A stage of tasks that do nothing (parameter <c>tasks</c>): measures the fabric's own overhead.</summary>
    public const string Noop = "noop";

    /// <summary>A SQL query (parameters <c>query</c>, <c>data</c>, <c>partitions</c>), its stages run as tasks.</summary>
    public const string Sql = "sql";

    /// <summary>Data-parallel training: one stage of worker tasks per epoch against parameter-server grains.</summary>
    public const string MachineLearning = "ml";

    /// <summary>TeraSort of 100-byte records: sample split keys, range-partition (map), sort each range (reduce).</summary>
    public const string Sort = "sort";
}
