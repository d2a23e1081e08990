using System.Text.Json;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;

namespace OrleansFlow.Cli.Json;

// What each command prints with --json: one document per run, declared here so that the field names are the CLI's
// contract with scripts, not a side effect of renaming a property in the fabric. TimeSpans print as "<name>Ms"
// (JsonFormat).

/// <summary><c>--detach</c>: the job was submitted; the command did not wait.</summary>
internal sealed record DetachedJson(string JobId, string? OutputDirectory);

/// <summary><c>wordcount</c>: the top words, or the file they were written to.</summary>
internal sealed record WordCountJson(
    string JobId, TimeSpan Duration, long InputBytes, int Tasks, string? OutputFile, long? DistinctWords, IReadOnlyList<WordCountJson.Word>? Top)
{
    public sealed record Word(string Text, long Count);
}

/// <summary><c>sort</c>.</summary>
internal sealed record SortJson(string JobId, TimeSpan Duration, long InputBytes, string OutputDirectory, IReadOnlyList<string> OutputFiles, IReadOnlyList<StageInfo> Stages);

/// <summary><c>sql</c>: the rows (as <c>--format json</c> writes them) unless they went to <c>--output</c>.</summary>
internal sealed record SqlJson(string? JobId, TimeSpan Duration, long RowCount, string? OutputFile, JsonElement? Rows);

/// <summary><c>explain</c>: the three parts of the plan, as text.</summary>
internal sealed record ExplainJson(string LogicalPlan, string PhysicalPlan, IReadOnlyList<ExplainJson.Stage> Stages)
{
    public sealed record Stage(string Description, string Plan);
}

/// <summary><c>ml</c>: the trained model's quality and how the training went.</summary>
internal sealed record MlJson(
    string JobId, string Model, int Workers, long EvaluatedRows, bool HeldOut, double Loss, double? Accuracy,
    float[]? Coefficients, float? Intercept, IReadOnlyList<double> EpochLosses, IReadOnlyList<TimeSpan> EpochDurations,
    TimeSpan Duration, TrainingCacheCounters Cache, string? ModelFile);

/// <summary><c>ml --local</c>: the same training in this process (no job, no memory tier).</summary>
internal sealed record MlLocalJson(
    string Model, int Workers, long EvaluatedRows, bool HeldOut, double? MeanSquaredError, double? Accuracy, IReadOnlyList<TimeSpan> EpochDurations);

/// <summary><c>datagen</c>.</summary>
internal sealed record DatagenJson(string Benchmark, double ScaleFactor, string OutputDirectory, TimeSpan Duration, IReadOnlyList<DatagenJson.Table> Tables)
{
    public sealed record Table(string Name, long Rows);
}

/// <summary><c>gensort</c>.</summary>
internal sealed record GensortJson(long Records, string Checksum, int Files, string OutputDirectory, TimeSpan Duration);

/// <summary><c>valsort</c>.</summary>
internal sealed record ValsortJson(int Files, long Records, string Checksum, long DuplicateKeys, bool Sorted, long UnorderedRecords, string? FirstUnordered);

/// <summary><c>jobs</c>.</summary>
internal sealed record JobsJson(IReadOnlyList<JobsJson.Job> Jobs)
{
    public sealed record Job(string JobId, string Name, string Kind, JobStatus Status, DateTimeOffset SubmittedAt, DateTimeOffset? FinishedAt, TimeSpan? Duration, string? Error)
    {
        public static Job From(JobSummary j) => new(j.JobId, j.Name, j.Kind, j.Status, j.SubmittedAt, j.FinishedAt, j.FinishedAt - j.SubmittedAt, j.Error);
    }
}

/// <summary><c>job ID</c>: the same fields whether the job is running or ended (then with its tasks and bill).</summary>
internal sealed record JobJson(
    string JobId, string Name, string Kind, JobStatus Status, DateTimeOffset? SubmittedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    TimeSpan? Duration, string? Error, IReadOnlyList<StageInfo> Stages, string? OutputDirectory, IReadOnlyList<string> OutputFiles,
    IReadOnlyList<TaskReport> Tasks, IReadOnlyList<TaskReport> OtherAttempts, JobBill? Bill, IReadOnlyList<SiloDrainRecord> Drains)
{
    public static JobJson From(JobInfo info, JobResult? result) => new(
        info.JobId, info.Name, info.Kind, info.Status, info.SubmittedAt, info.StartedAt, info.FinishedAt,
        info.FinishedAt - (info.StartedAt ?? info.SubmittedAt), info.Error, info.Stages,
        result?.OutputDirectory, result?.OutputFiles ?? [], result?.Tasks ?? [], result?.OtherAttempts ?? [], result?.Bill, result?.Drains ?? []);
}

/// <summary><c>cancel ID</c>.</summary>
internal sealed record CancelJson(string JobId, JobStatus Status);

/// <summary><c>cluster</c>.</summary>
internal sealed record ClusterJson(IReadOnlyList<SiloStats> Silos);

/// <summary><c>drain</c>: what the silo's drain did.</summary>
internal sealed record DrainJson(string Silo, int TasksFinished, int TasksHandedBack, int BlocksMoved, long BytesMoved, int BlocksLeft, int Jobs, TimeSpan Duration);

/// <summary><c>scaler --json</c>: one line per decision it carried out.</summary>
internal sealed record ScalerDecisionJson(DateTimeOffset At, string Action, int Count, string? Silo, string Reason, int ComputeSilos, int WaitingTasks);
