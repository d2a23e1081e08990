namespace OrleansFlow.Abstractions.Jobs;

/// <summary>What a user asks the fabric to run: a name, the kind's typed arguments, and how often a task may be tried.</summary>
[GenerateSerializer, Immutable]
public sealed record JobSpec
{
    /// <summary>A name for people (shown by <c>orleansflow jobs</c>).</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>What to run; its type names the planner (<see cref="JobArgs.Kind"/>).</summary>
    [Id(1)] public required JobArgs Args { get; init; }

    /// <summary>Attempts per task before the job fails with the task's error.</summary>
    [Id(2)] public int MaxTaskAttempts { get; init; } = 3;

    public string Kind => Args.Kind;
}

/// <summary>
/// The arguments of one job kind: a sealed record per kind (<see cref="MapReduceArgs"/>, <see cref="SortArgs"/>,
/// <see cref="SqlArgs"/>, <see cref="ML.MlArgs"/>, ...). Small: inputs are paths, user code is referenced by id.
/// A job kind outside this assembly derives its own record; the silo needs the kind's project registered.
/// </summary>
[GenerateSerializer, Immutable]
public abstract record JobArgs
{
    /// <summary>The planner that turns these arguments into stages (see <see cref="JobKinds"/>).</summary>
    public abstract string Kind { get; }

    /// <summary>Checks what can be checked without the cluster; throws <see cref="ArgumentException"/> naming the bad value.</summary>
    public virtual void Validate()
    {
    }
}

/// <summary>The job kinds the fabric ships with.</summary>
public static class JobKinds
{
    /// <summary>Map, optional combiner, shuffle, reduce.</summary>
    public const string MapReduce = "mapreduce";

    /// <summary>A stage of tasks that do nothing: measures the fabric's own overhead.</summary>
    public const string Noop = "noop";

    /// <summary>A SQL query, its stages run as tasks.</summary>
    public const string Sql = "sql";

    /// <summary>Data-parallel training: one stage of worker tasks per epoch against parameter-server grains.</summary>
    public const string MachineLearning = "ml";

    /// <summary>TeraSort of 100-byte records: sample split keys, range-partition (map), sort each range (reduce).</summary>
    public const string Sort = "sort";
}
