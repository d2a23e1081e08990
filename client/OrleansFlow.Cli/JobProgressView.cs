using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using Spectre.Console;

namespace OrleansFlow.Cli;

/// <summary>Shows a running job on stderr: a bar per stage on a terminal, a line per finished stage otherwise, nothing when quiet.</summary>
internal static class JobProgressView
{
    public static async Task<JobResult> WaitAsync(JobHandle job, bool quiet, CancellationToken cancellationToken)
    {
        if (quiet)
            return await job.WaitAsync(cancellationToken: cancellationToken);
        if (!ConsoleOutput.ProgressInteractive)
        {
            return await job.WaitAsync(onEvent: e =>
            {
                if (e.Type == JobEventType.StageCompleted)
                    Console.Error.WriteLine($"{job.JobId}: stage {e.Stage} done ({e.CompletedTasks}/{e.TotalTasks} tasks)");
                else if (e.Type == JobEventType.TaskRetried)
                    Console.Error.WriteLine($"{job.JobId}: stage {e.Stage}: retrying a task after: {e.Message}");
            }, cancellationToken: cancellationToken);
        }

        JobResult? result = null;
        await ConsoleOutput.Progress.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var gate = new object();
                void Show(string stage, int completed, int total)
                {
                    lock (gate)
                    {
                        if (!bars.TryGetValue(stage, out var bar))
                            bars[stage] = bar = ctx.AddTask($"{job.JobId} [bold]{stage}[/]", maxValue: Math.Max(1, total));
                        bar.MaxValue = Math.Max(1, total);
                        bar.Value = total == 0 ? 1 : completed;
                    }
                }
                result = await job.WaitAsync(
                    onEvent: e =>
                    {
                        if (e.Stage is { } stage && e.TotalTasks > 0)
                            Show(stage, e.CompletedTasks, e.TotalTasks);
                    },
                    onStatus: info =>
                    {
                        foreach (var stage in info.Stages.Where(s => s.CompletedTasks > 0 || s.Duration is not null))
                            Show(stage.Name, stage.CompletedTasks, stage.TotalTasks);
                    },
                    cancellationToken: cancellationToken);
            });
        return result!;
    }
}
