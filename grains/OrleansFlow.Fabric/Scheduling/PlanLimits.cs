using System.Globalization;

namespace OrleansFlow.Fabric.Scheduling;

/// <summary>
/// How big a plan a job may ask for. A plan is built, persisted with the job's state and scheduled in one silo, so a
/// job asking for millions of tasks (<c>--split-size 1</c> on a few megabytes) grows that silo until the kernel kills
/// it. The planners check these before they allocate anything and refuse with one line naming the limit, the value
/// asked for and the silo setting that changes the limit; the job then fails at submit, before any task runs.
/// </summary>
public sealed record PlanLimits
{
    public static PlanLimits Default { get; } = new();

    /// <summary>
    /// Tasks in one stage. Each task is a spec in the job's persisted state and a report when it ends (≈ 1 KiB
    /// together), and scheduling walks them; 100 000 keeps a stage's state around 100 MiB.
    /// </summary>
    public int MaxTasksPerStage { get; init; } = 100_000;

    /// <summary>
    /// Partitions a job may ask for: MapReduce and sort reducers, SQL partitions. Each is a task and a shuffle
    /// partition grain, and every map task writes one block per partition, so the blocks grow as maps × partitions.
    /// </summary>
    public int MaxPartitions { get; init; } = 10_000;

    /// <summary>
    /// Stages in one job (ML: one per epoch; SQL: one per exchange). Every stage is a persisted entry with its
    /// progress, and the job waits on them one after another; 10 000 is far past any real job.
    /// </summary>
    public int MaxStages { get; init; } = 10_000;

    /// <summary>Smallest input split a job may ask for, in bytes: below a few KiB a task costs more to schedule than to run.</summary>
    public long MinSplitBytes { get; init; } = 4096;

    /// <summary>
    /// Levels of nesting a query may have (SQL: <c>SqlLimits.MaxNestingDepth</c>); deeper ones are refused with their
    /// line and column instead of overflowing the planning thread's stack.
    /// </summary>
    public int MaxQueryNesting { get; init; } = 1000;

    /// <summary>The silo settings that set each limit (flags; <c>ORLEANSFLOW_*</c> variables and appsettings keys follow from them).</summary>
    public const string TasksPerStageSetting = "max-tasks-per-stage";
    public const string PartitionsSetting = "max-partitions";
    public const string StagesSetting = "max-stages";
    public const string SplitSizeSetting = "min-split-size";
    public const string QueryNestingSetting = "max-query-nesting";

    public void Validate()
    {
        if (MaxTasksPerStage < 1)
            throw new ArgumentException($"MaxTasksPerStage must be at least 1 (was {MaxTasksPerStage}).");
        if (MaxPartitions < 1)
            throw new ArgumentException($"MaxPartitions must be at least 1 (was {MaxPartitions}).");
        if (MaxStages < 1)
            throw new ArgumentException($"MaxStages must be at least 1 (was {MaxStages}).");
        if (MinSplitBytes < 1)
            throw new ArgumentException($"MinSplitBytes must be at least 1 (was {MinSplitBytes}).");
        if (MaxQueryNesting < 1)
            throw new ArgumentException($"MaxQueryNesting must be at least 1 (was {MaxQueryNesting}).");
    }

    /// <summary>Refuses a stage of more than <see cref="MaxTasksPerStage"/> tasks; <paramref name="remedy"/> says what the user can change.</summary>
    public void CheckTasks(string stage, long tasks, string remedy)
    {
        if (tasks > MaxTasksPerStage)
            throw new PlanLimitException(
                $"the {stage} stage would have {N(tasks)} tasks, more than the limit of {N(MaxTasksPerStage)} tasks per stage " +
                $"({remedy}, or raise the silo setting {TasksPerStageSetting})");
    }

    /// <summary>Refuses more than <see cref="MaxPartitions"/> partitions; <paramref name="what"/> names the argument, e.g. "--partitions".</summary>
    public void CheckPartitions(string what, long partitions)
    {
        if (partitions > MaxPartitions)
            throw new PlanLimitException(
                $"{what} {N(partitions)} is more than the limit of {N(MaxPartitions)} partitions (raise the silo setting {PartitionsSetting})");
    }

    /// <summary>Refuses a job of more than <see cref="MaxStages"/> stages; <paramref name="cause"/> names what makes them, e.g. "--epochs 1000000".</summary>
    public void CheckStages(string cause, long stages)
    {
        if (stages > MaxStages)
            throw new PlanLimitException(
                $"{cause} would make {N(stages)} stages, more than the limit of {N(MaxStages)} stages per job (raise the silo setting {StagesSetting})");
    }

    /// <summary>Refuses an explicit split size below <see cref="MinSplitBytes"/>.</summary>
    public void CheckSplitSize(string what, long bytes)
    {
        if (bytes > 0 && bytes < MinSplitBytes)
            throw new PlanLimitException(
                $"{what} {N(bytes)} bytes is below the minimum split size of {N(MinSplitBytes)} bytes (lower the silo setting {SplitSizeSetting})");
    }

    /// <summary>Tasks that cutting <paramref name="fileLengths"/> into splits of <paramref name="splitBytes"/> makes, without making them.</summary>
    public static long SplitCount(IEnumerable<long> fileLengths, long splitBytes) =>
        fileLengths.Sum(length => (length + splitBytes - 1) / splitBytes);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A job asked for a plan larger than its silo's <see cref="PlanLimits"/>: one line, for the user to fix.</summary>
public sealed class PlanLimitException(string message) : ArgumentException(message);
