using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Engine.Input;
using OrleansFlow.Grains.Telemetry;

namespace OrleansFlow.Grains.Execution;

/// <summary>
/// Runs one task with the kernel it names. A stateless worker: activations appear on demand on the calling
/// executor's silo (more while the existing ones are busy), and vanish when idle.
/// </summary>
[StatelessWorker(maxLocalWorkers: 64)]
public sealed class TaskWorkerGrain(
    IEnumerable<ITaskKernel> kernels,
    JobCancellations cancellations,
    ILocalSiloDetails silo,
    ILogger<TaskWorkerGrain> logger) : Grain, ITaskWorkerGrain
{
    private readonly Dictionary<string, ITaskKernel> _kernels = kernels.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public async Task<TaskReport> Execute(TaskSpec task)
    {
        var siloName = silo.SiloAddress.ToParsableString();
        using var span = FlowActivity.Source.StartActivity($"task {task.Stage}[{task.TaskIndex}]");
        span?.SetTag("orleansflow.job", task.JobId);
        span?.SetTag("orleansflow.stage", task.Stage);
        span?.SetTag("orleansflow.task", task.TaskIndex);
        span?.SetTag("orleansflow.attempt", task.Attempt);
        span?.SetTag("orleansflow.silo", siloName);
        var clock = Stopwatch.StartNew();
        var report = new TaskReport
        {
            Stage = task.Stage, TaskIndex = task.TaskIndex, Attempt = task.Attempt, Silo = siloName, StartedAt = DateTimeOffset.UtcNow,
        };
        var token = cancellations.TokenFor(task.JobId);
        try
        {
            if (!_kernels.TryGetValue(task.Kernel, out var kernel))
                throw new InvalidOperationException($"No kernel named '{task.Kernel}' on silo {siloName}.");
            token.ThrowIfCancellationRequested();
            var result = await kernel.RunAsync(task, token);
            return report with
            {
                Duration = clock.Elapsed,
                RecordsIn = result.RecordsIn,
                RecordsOut = result.RecordsOut,
                BytesIn = result.BytesIn,
                BytesOut = result.BytesOut,
                OutputFiles = result.OutputFiles,
            };
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, "cancelled");
            return report with { Duration = clock.Elapsed, Cancelled = true };
        }
        catch (Exception e)
        {
            // The report carries the message, not the exception: user exception types live in the job's load
            // context and cannot be deserialised by the job grain.
            var message = e is InputException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            logger.LogWarning(e, "Task {Stage}[{Index}] attempt {Attempt} of job {Job} failed", task.Stage, task.TaskIndex, task.Attempt, task.JobId);
            span?.SetStatus(ActivityStatusCode.Error, message);
            return report with { Duration = clock.Elapsed, Error = message };
        }
    }
}
