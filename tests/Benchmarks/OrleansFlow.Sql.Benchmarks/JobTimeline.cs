using System.Globalization;
using System.Text;
using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Sql.Benchmarks;

/// <summary>
/// A finished job's stages and tasks as offsets from its submission (ms), to see where a query's time goes on the
/// fabric: waiting for a stage's inputs, dispatch, or the tasks' own work. Silo clocks are the same machine's here.
/// </summary>
internal static class JobTimeline
{
    public static string Describe(JobResult result)
    {
        var info = result.Info;
        var origin = info.SubmittedAt ?? info.StartedAt ?? DateTimeOffset.MinValue;
        string Ms(DateTimeOffset? at) => at is { } t ? (t - origin).TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) : "-";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"job {info.JobId}: started {Ms(info.StartedAt)}, finished {Ms(info.FinishedAt)} ms after submit");
        foreach (var stage in info.Stages)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {stage.Name,-12} {Ms(stage.StartedAt),6} → {Ms(stage.FinishedAt),6}");
            foreach (var task in result.Tasks.Where(t => t.Stage == stage.Name).OrderBy(t => t.StartedAt))
            {
                var start = (task.StartedAt - origin).TotalMilliseconds;
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"    task {task.TaskIndex} on {task.Silo}: {start,6:F0} + {task.Duration.TotalMilliseconds,5:F0} ms, {task.BytesIn} B in, {task.BytesOut} B out");
            }
        }
        return text.ToString();
    }
}
