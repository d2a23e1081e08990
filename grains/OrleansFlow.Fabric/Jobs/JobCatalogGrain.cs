using OrleansFlow.Abstractions;
using OrleansFlow.Abstractions.Grains;

namespace OrleansFlow.Fabric.Jobs;

/// <summary>The cluster's list of jobs, newest first, persisted beside the jobs' own state.</summary>
public sealed class JobCatalogGrain([PersistentState("catalog", FlowNames.JobStorage)] IPersistentState<JobCatalogGrain.State> state)
    : Grain, IJobCatalogGrain
{
    public const int MaxJobs = 1000;

    public async Task Record(JobSummary summary)
    {
        var jobs = state.State.Jobs;
        var index = jobs.FindIndex(j => j.JobId == summary.JobId);
        if (index >= 0)
            jobs[index] = summary;
        else
            jobs.Add(summary);
        if (jobs.Count > MaxJobs)
            jobs.RemoveRange(0, jobs.Count - MaxJobs);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<JobSummary>> List(int max) => Task.FromResult<IReadOnlyList<JobSummary>>(
        state.State.Jobs.OrderByDescending(j => j.SubmittedAt).Take(Math.Max(0, max)).ToList());

    [GenerateSerializer]
    public sealed class State
    {
        [Id(0)] public List<JobSummary> Jobs { get; set; } = [];
    }
}
