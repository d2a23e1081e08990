using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Abstractions.Grains;

/// <summary>The list of jobs the cluster has run (one per cluster: key 0).</summary>
public interface IJobCatalogGrain : IGrainWithIntegerKey
{
    Task Record(JobSummary summary);
    Task<IReadOnlyList<JobSummary>> List(int max);
}

[GenerateSerializer, Immutable]
public sealed record JobSummary(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Kind,
    [property: Id(3)] JobStatus Status,
    [property: Id(4)] DateTimeOffset SubmittedAt,
    [property: Id(5)] DateTimeOffset? FinishedAt,
    [property: Id(6)] string? Error);
