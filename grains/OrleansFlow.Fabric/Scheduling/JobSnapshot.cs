using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Fabric.Scheduling;

/// <summary>What clients see of a job's state.</summary>
public static class JobSnapshot
{
    public static JobInfo Info(string jobId, JobState state, DateTimeOffset now)
    {
        var plan = state.Plan;
        var stages = new List<StageInfo>();
        for (var i = 0; plan is not null && i < plan.Stages.Count; i++)
        {
            var p = state.Progress[i];
            stages.Add(new StageInfo
            {
                Name = plan.Stages[i].Name,
                TotalTasks = plan.Stages[i].Tasks.Count,
                CompletedTasks = p.Completed.Count,
                Retries = p.Retries,
                Duration = p.StartedAt is { } start ? (p.FinishedAt ?? now) - start : null,
                BytesIn = p.Completed.Values.Sum(r => r.BytesIn),
                BytesOut = p.Completed.Values.Sum(r => r.BytesOut),
                StartedAt = p.StartedAt,
                FinishedAt = p.FinishedAt,
                Role = plan.Stages[i].Role,
            });
        }
        return new JobInfo
        {
            JobId = jobId,
            Name = state.Spec?.Name ?? "",
            Kind = state.Spec?.Kind ?? "",
            Status = state.Status,
            SubmittedAt = state.SubmittedAt,
            StartedAt = state.StartedAt,
            FinishedAt = state.FinishedAt,
            Stages = stages,
            Error = state.Error,
        };
    }

    /// <summary>The result of a terminal job; null before it ends.</summary>
    public static JobResult? Result(string jobId, JobState state, DateTimeOffset now)
    {
        if (!state.Status.IsTerminal())
            return null;
        var reports = state.Progress.SelectMany(p => p.Completed.Values).ToList();
        var others = state.Progress.SelectMany(p => p.OtherAttempts).ToList();
        return new JobResult
        {
            Info = Info(jobId, state, now),
            OutputDirectory = state.Plan?.OutputDirectory,
            OutputFiles = reports.SelectMany(r => r.OutputFiles).Order(StringComparer.Ordinal).ToList(),
            Tasks = reports,
            OtherAttempts = others,
            Bill = JobBill.Of(reports.Concat(others)) with { WastedAttempts = others.Count },
            Drains = state.Drains.ToList(),
        };
    }
}
