using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Engine.Input;
using OrleansFlow.Fabric.Shuffle;
using OrleansFlow.Fabric.Telemetry;

namespace OrleansFlow.Fabric.Execution;

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

    private static readonly TimeSpan MeterPatience = TimeSpan.FromMilliseconds(50);

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
        var meter = new CpuMeteredScheduler();
        try
        {
            if (!_kernels.TryGetValue(task.Kernel, out var kernel))
                throw new InvalidOperationException($"No kernel named '{task.Kernel}' on silo {siloName}.");
            token.ThrowIfCancellationRequested();
            // The one place work leaves the grain's scheduler: kernels are CPU-bound between their awaits, and
            // engines that block on tasks they start would deadlock a grain turn. On the thread pool, the silo keeps
            // serving calls while kernels run; the metered scheduler counts the CPU they use.
            var result = await Task.Factory.StartNew(() => kernel.RunAsync(task, token), token, TaskCreationOptions.DenyChildAttach, meter).Unwrap();
            return report with
            {
                Duration = clock.Elapsed,
                CpuTime = meter.SettledCpuTime(MeterPatience),
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
            return report with { Duration = clock.Elapsed, CpuTime = meter.SettledCpuTime(MeterPatience), Failure = new TaskFailure(TaskFailureKind.Cancelled, "cancelled") };
        }
        catch (Exception e)
        {
            // The report carries a message, not the exception: user exception types live in the job's load context
            // and cannot be deserialised by the job grain.
            var failure = Classify(e);
            logger.LogWarning(e, "Task {Stage}[{Index}] attempt {Attempt} of job {Job} failed", task.Stage, task.TaskIndex, task.Attempt, task.JobId);
            span?.SetStatus(ActivityStatusCode.Error, failure.Message);
            return report with { Duration = clock.Elapsed, CpuTime = meter.SettledCpuTime(MeterPatience), Failure = failure };
        }
    }

    private static TaskFailure Classify(Exception e) => e switch
    {
        ShuffleDataLostException lost => new TaskFailure(TaskFailureKind.ShuffleDataLost, lost.Message, lost.LostInputs),
        InputException => new TaskFailure(TaskFailureKind.InputError, e.Message),
        _ when ReachedADeadSilo(e) => new TaskFailure(TaskFailureKind.SiloLost, $"{e.GetType().Name}: {e.Message}"),
        _ => new TaskFailure(TaskFailureKind.TaskError, $"{e.GetType().Name}: {e.Message}"),
    };

    /// <summary>A grain call the task made (to a shuffle partition, a parameter shard, ...) went to a silo that died or
    /// left: the task is not at fault, and runs again once membership has caught up.</summary>
    private static bool ReachedADeadSilo(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is SiloUnavailableException or OrleansMessageRejectionException || x.GetType().Name == "ConnectionFailedException")
                return true;
        }
        return false;
    }
}
