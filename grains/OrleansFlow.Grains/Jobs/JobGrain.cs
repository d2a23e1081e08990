using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Streams;
using OrleansFlow.Abstractions;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Engine.Input;
using OrleansFlow.Grains.Hosting;
using OrleansFlow.Grains.Kernels;
using OrleansFlow.Grains.Telemetry;
using Polly;
using Polly.Retry;

namespace OrleansFlow.Grains.Jobs;

/// <summary>
/// One job: plans it into stages, runs each stage's tasks on the executors of the live silos (spread by free slots),
/// retries failed tasks with backoff, and persists its progress. Reentrant, so status and cancel calls are answered
/// while the job runs. A job whose silo died resumes, at its first unfinished task, when it is next called.
/// </summary>
[Reentrant]
[CollectionAgeLimit(Hours = 4)]
public sealed class JobGrain(
    [PersistentState("job", FlowNames.JobStorage)] IPersistentState<JobState> state,
    IEnumerable<IJobPlanner> planners,
    IOptions<OrleansFlowOptions> options,
    IClusterMembershipService membership,
    ILogger<JobGrain> logger) : Grain, IJobGrain
{
    private CancellationTokenSource? _cancel;
    private Task? _run;
    private string? _cancelReason;
    private IAsyncStream<JobEvent>? _events;
    private readonly Queue<JobEvent> _pendingEvents = new();
    private Task _publishing = Task.CompletedTask;
    private readonly Dictionary<int, DateTimeOffset> _lastTaskEvent = [];
    private readonly Dictionary<string, DateTimeOffset> _suspectUntil = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _attemptSequence;
    private int _recoveries;

    /// <summary>How long a silo that failed a call gets no tasks (membership may take longer to declare it dead).</summary>
    private static readonly TimeSpan SuspectFor = TimeSpan.FromSeconds(30);

    /// <summary>Tries on other silos when a silo, not the task, fails; these do not count as task attempts.</summary>
    private const int SiloFailoverTries = 5;

    /// <summary>Times a job re-runs a stage whose output was lost with a silo.</summary>
    private const int MaxRecoveries = 2;

    /// <summary>Task-completed events are sent at most this often per stage; the stage's end is always sent.</summary>
    private static readonly TimeSpan TaskEventInterval = TimeSpan.FromMilliseconds(100);

    private string JobId => this.GetPrimaryKeyString();
    private JobState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Status == JobStatus.Running && S.Plan is not null)
        {
            logger.LogInformation("Resuming job {Job} (generation {Generation})", JobId, S.Generation + 1);
            StartRun(resumed: true);
        }
        return Task.CompletedTask;
    }

    public async Task<JobInfo> Submit(JobSpec spec)
    {
        if (S.Spec is not null)
            return Info();
        S.Spec = spec;
        S.SubmittedAt = DateTimeOffset.UtcNow;
        S.AccessKey = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        S.Status = JobStatus.Pending;
        try
        {
            var planner = planners.FirstOrDefault(p => p.Kind == spec.Kind)
                ?? throw new ArgumentException($"unknown job kind '{spec.Kind}'");
            if (spec.MaxTaskAttempts < 1)
                throw new ArgumentException($"MaxTaskAttempts must be at least 1 (was {spec.MaxTaskAttempts})");
            var silos = await LiveSilosAsync();
            var opts = options.Value;
            var context = new PlanningContext(silos.Count, opts.TaskSlotsPerSilo, opts.WorkDirectory);
            // Off the grain's scheduler: planners read files, and an engine that waits on tasks it starts would
            // deadlock a grain turn (those tasks would queue behind it).
            var accessKey = S.AccessKey;
            S.Plan = await Task.Run(() => planner.Plan(JobId, spec, accessKey, context));
            S.Progress = S.Plan.Stages.Select(_ => new StageProgress()).ToList();
        }
        catch (Exception e) when (e is InputException or ArgumentException or TypeLoadException)
        {
            await FinishAsync(JobStatus.Failed, e.Message);
            return Info();
        }
        S.Status = JobStatus.Running;
        S.Generation++;
        S.StartedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        _ = RecordInCatalogAsync(); // off the path to the first task
        StartRun(resumed: false);
        return Info();
    }

    public Task<JobInfo> GetInfo() => Task.FromResult(Info());

    public Task<JobResult?> GetResult()
    {
        if (!S.Status.IsTerminal())
            return Task.FromResult<JobResult?>(null);
        var reports = S.Progress.SelectMany(p => p.Completed.Values).ToList();
        return Task.FromResult<JobResult?>(new JobResult
        {
            Info = Info(),
            OutputDirectory = S.Plan?.OutputDirectory,
            OutputFiles = reports.SelectMany(r => r.OutputFiles).Order(StringComparer.Ordinal).ToList(),
            Tasks = reports,
        });
    }

    public async Task Cancel(string reason)
    {
        if (S.Status.IsTerminal() || S.Spec is null)
            return;
        _cancelReason = reason;
        if (_cancel is not null && _run is not null)
        {
            _cancel.Cancel();
            await BroadcastAsync(e => e.CancelJob(JobId));
            await _run;
        }
        else
        {
            await FinishAsync(JobStatus.Cancelled, $"cancelled: {reason}");
        }
    }

    private void StartRun(bool resumed)
    {
        _cancel = new CancellationTokenSource();
        _run = RunAsync(resumed, _cancel.Token);
    }

    private async Task RunAsync(bool resumed, CancellationToken cancellationToken)
    {
        using var span = FlowActivity.Source.StartActivity($"job {S.Spec!.Name}");
        span?.SetTag("orleansflow.job", JobId);
        span?.SetTag("orleansflow.kind", S.Spec.Kind);
        try
        {
            DelayDeactivation(TimeSpan.FromHours(4));
            if (resumed)
            {
                S.Generation++;
                await state.WriteStateAsync();
            }
            Publish(JobEventType.JobStarted, null, 0, 0, null);

            var slots = new SiloSlots(options.Value.TaskSlotsPerSilo);
            var plan = S.Plan!;
            var done = plan.Stages.Select((s, i) => S.Progress[i].Completed.Count == s.Tasks.Count && S.Progress[i].FinishedAt is not null).ToArray();
            while (Array.IndexOf(done, false) >= 0)
            {
                var ready = Enumerable.Range(0, done.Length)
                    .Where(i => !done[i] && plan.Stages[i].DependsOn.All(d => done[d]))
                    .ToList();
                if (ready.Count == 0)
                    throw new InvalidOperationException("The job's stages depend on each other in a cycle.");
                var failures = new List<(int Stage, Exception Error)>();
                await Task.WhenAll(ready.Select(async i =>
                {
                    try
                    {
                        await RunStageAsync(i, slots, cancellationToken);
                        done[i] = true;
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        failures.Add((i, e));
                    }
                }));
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var (stage, error) in failures)
                {
                    if (!await TryRecoverLostInputAsync(stage, error, done))
                        throw error;
                }
            }
            await FinishAsync(JobStatus.Succeeded, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FinishAsync(JobStatus.Cancelled, $"cancelled: {_cancelReason ?? "by request"}");
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            logger.LogWarning("Job {Job} failed: {Error}", JobId, e.Message);
            await FinishAsync(JobStatus.Failed, e.Message);
        }
    }

    private async Task RunStageAsync(int stageIndex, SiloSlots slots, CancellationToken cancellationToken)
    {
        var stage = S.Plan!.Stages[stageIndex];
        var progress = S.Progress[stageIndex];
        using var span = FlowActivity.Source.StartActivity($"stage {stage.Name}");
        span?.SetTag("orleansflow.job", JobId);
        span?.SetTag("orleansflow.tasks", stage.Tasks.Count);
        progress.StartedAt ??= DateTimeOffset.UtcNow;
        Publish(JobEventType.StageStarted, stage.Name, stageIndex, progress.Completed.Count, null);
        slots.SetSilos(await LiveSilosAsync());

        // The first task to fail for good stops its siblings; its error is the job's error.
        using var stageCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? firstFailure = null;
        var pipeline = BuildRetryPipeline(stage, progress, stageIndex);
        var pending = stage.Tasks.Where(t => !progress.Completed.ContainsKey(t.TaskIndex)).ToList();
        await Task.WhenAll(pending.Select(async task =>
        {
            try
            {
                var report = await RunTaskAsync(task, slots, pipeline, stageCancel.Token);
                progress.Completed[task.TaskIndex] = report;
                var now = DateTimeOffset.UtcNow;
                if (now - _lastTaskEvent.GetValueOrDefault(stageIndex) >= TaskEventInterval)
                {
                    _lastTaskEvent[stageIndex] = now;
                    Publish(JobEventType.TaskCompleted, stage.Name, stageIndex, progress.Completed.Count, null);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stageCancel.IsCancellationRequested)
            {
                firstFailure ??= e;
                stageCancel.Cancel();
            }
            catch (OperationCanceledException)
            {
                // A sibling failed or the job was cancelled; reported below.
            }
        }));
        cancellationToken.ThrowIfCancellationRequested();
        if (firstFailure is not null)
            throw firstFailure;
        progress.FinishedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        Publish(JobEventType.StageCompleted, stage.Name, stageIndex, progress.Completed.Count, null);
    }

    private async Task<TaskReport> RunTaskAsync(TaskSpec task, SiloSlots slots, ResiliencePipeline pipeline, CancellationToken cancellationToken)
    {
        string? lastFailedSilo = null;
        // Continue on the grain's scheduler: grain state must only be touched from the grain's turns.
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true, cancellationToken);
        try
        {
            return await pipeline.ExecuteAsync(async ctx =>
            {
                for (var tries = 1; ; tries++)
                {
                    var silo = await slots.AcquireAsync(lastFailedSilo, ctx.CancellationToken);
                    TaskReport report;
                    try
                    {
                        // Attempt numbers only grow, across retries, recoveries and resumed runs.
                        var attemptSpec = task with { Attempt = S.Generation * 1_000_000 + ++_attemptSequence };
                        report = await GrainFactory.GetGrain<IExecutorGrain>(silo).Run(attemptSpec);
                    }
                    catch (Exception e)
                    {
                        // The silo, not the task, failed (died, left, unreachable): keep tasks away from it and try
                        // another; this is not one of the task's attempts.
                        lastFailedSilo = silo;
                        _suspectUntil[silo] = DateTimeOffset.UtcNow + SuspectFor;
                        logger.LogWarning("Job {Job}: silo {Silo} failed task {Stage}[{Index}]: {Error}", JobId, silo, task.Stage, task.TaskIndex, e.Message);
                        slots.Release(silo);
                        slots.SetSilos(await LiveSilosAsync());
                        if (tries >= SiloFailoverTries || slots.Silos.Count == 0)
                            throw new TaskAttemptException($"no silo could run task {task.Stage}[{task.TaskIndex}]: {e.Message}", silo);
                        continue;
                    }
                    slots.Release(silo);
                    if (report.Cancelled)
                        throw new OperationCanceledException(cancellationToken);
                    if (report.Error is { } error)
                    {
                        lastFailedSilo = silo;
                        throw new TaskAttemptException(error, silo);
                    }
                    return report;
                }
            }, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// A stage failed. If it failed because shuffle data it reads was lost with a silo, forget the producing stages'
    /// results so they run again, and let the stage retry (lineage recovery, as Spark does).
    /// </summary>
    private async Task<bool> TryRecoverLostInputAsync(int stageIndex, Exception error, bool[] done)
    {
        var stage = S.Plan!.Stages[stageIndex];
        if (_recoveries >= MaxRecoveries || stage.DependsOn.Count == 0)
            return false;
        var live = (await LiveSilosAsync()).ToHashSet(StringComparer.Ordinal);
        var shuffleLost = error.Message.Contains(ShuffleDataLostException.Marker, StringComparison.Ordinal);
        var producersOnLostSilos = stage.DependsOn
            .Where(d => S.Progress[d].Completed.Values.Any(r => !live.Contains(r.Silo)))
            .ToList();
        if (!shuffleLost && producersOnLostSilos.Count == 0)
            return false;
        var rerun = producersOnLostSilos.Count > 0 ? producersOnLostSilos : stage.DependsOn;
        _recoveries++;
        foreach (var d in rerun)
        {
            S.Progress[d].Completed.Clear();
            S.Progress[d].FinishedAt = null;
            done[d] = false;
        }
        logger.LogWarning("Job {Job}: stage {Stage} lost its input ({Error}); running {Stages} again",
            JobId, stage.Name, error.Message, string.Join(", ", rerun.Select(d => S.Plan.Stages[d].Name)));
        Publish(JobEventType.TaskRetried, stage.Name, stageIndex, S.Progress[stageIndex].Completed.Count,
            $"input lost with a silo; running {string.Join(", ", rerun.Select(d => S.Plan.Stages[d].Name))} again");
        await state.WriteStateAsync();
        return true;
    }

    private ResiliencePipeline BuildRetryPipeline(StagePlan stage, StageProgress progress, int stageIndex)
    {
        var retries = S.Spec!.MaxTaskAttempts - 1;
        if (retries < 1)
            return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TaskAttemptException>(),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.Value.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
                OnRetry = args =>
                {
                    progress.Retries++;
                    var message = args.Outcome.Exception?.Message;
                    logger.LogInformation("Job {Job} stage {Stage}: retry {Attempt} after: {Error}", JobId, stage.Name, args.AttemptNumber + 1, message);
                    Publish(JobEventType.TaskRetried, stage.Name, stageIndex, progress.Completed.Count, message);
                    return default;
                },
            })
            .Build();
    }

    private async Task FinishAsync(JobStatus status, string? error)
    {
        // Clean up first, so that whoever sees the job ended also sees its blocks freed.
        if (status != JobStatus.Succeeded)
            await BroadcastAsync(e => e.CancelJob(JobId));
        // Free the job's blocks and code on every silo, and forget its shuffle metadata.
        await BroadcastAsync(e => e.ReleaseJob(JobId));
        if (S.Plan is { } plan)
        {
            await Task.WhenAll(plan.ShuffleKeys.Select(key => IgnoreFailure(GrainFactory.GetGrain<IShufflePartitionGrain>(key).Clear())));
        }
        S.Status = status;
        S.Error = error;
        S.FinishedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        _ended.TrySetResult();
        await RecordInCatalogAsync();
        var type = status switch
        {
            JobStatus.Succeeded => JobEventType.JobSucceeded,
            JobStatus.Cancelled => JobEventType.JobCancelled,
            _ => JobEventType.JobFailed,
        };
        Publish(type, null, 0, 0, error);
        await _publishing; // the terminal event is out before the run ends
        DelayDeactivation(TimeSpan.Zero); // an ended job may be collected like any idle grain; its state is stored
    }

    public async Task<JobInfo> WaitForEnd(TimeSpan maxWait)
    {
        if (!S.Status.IsTerminal())
        {
            try
            {
                await _ended.Task.WaitAsync(maxWait);
            }
            catch (TimeoutException)
            {
                // Still running: the caller asks again.
            }
        }
        return Info();
    }

    private JobInfo Info()
    {
        var plan = S.Plan;
        var stages = new List<StageInfo>();
        for (var i = 0; plan is not null && i < plan.Stages.Count; i++)
        {
            var p = S.Progress[i];
            stages.Add(new StageInfo
            {
                Name = plan.Stages[i].Name,
                TotalTasks = plan.Stages[i].Tasks.Count,
                CompletedTasks = p.Completed.Count,
                Retries = p.Retries,
                Duration = p.StartedAt is { } start ? (p.FinishedAt ?? DateTimeOffset.UtcNow) - start : null,
                BytesIn = p.Completed.Values.Sum(r => r.BytesIn),
                BytesOut = p.Completed.Values.Sum(r => r.BytesOut),
                StartedAt = p.StartedAt,
                FinishedAt = p.FinishedAt,
            });
        }
        return new JobInfo
        {
            JobId = JobId,
            Name = S.Spec?.Name ?? "",
            Kind = S.Spec?.Kind ?? "",
            Status = S.Status,
            SubmittedAt = S.SubmittedAt,
            StartedAt = S.StartedAt,
            FinishedAt = S.FinishedAt,
            Stages = stages,
            Error = S.Error,
        };
    }

    /// <summary>The active silos as this silo's membership view has them (no call needed), less those that failed
    /// a call lately.</summary>
    private Task<IReadOnlyList<string>> LiveSilosAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var live = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress.ToParsableString())
            .ToList();
        var trusted = live.Where(s => !(_suspectUntil.TryGetValue(s, out var until) && until > now)).ToList();
        return Task.FromResult<IReadOnlyList<string>>(trusted.Count > 0 ? trusted : live);
    }

    private async Task BroadcastAsync(Func<IExecutorGrain, Task> call)
    {
        IReadOnlyList<string> silos;
        try
        {
            silos = await LiveSilosAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Job {Job}: could not list silos", JobId);
            return;
        }
        await Task.WhenAll(silos.Select(s => IgnoreFailure(call(GrainFactory.GetGrain<IExecutorGrain>(s)))));
    }

    private async Task IgnoreFailure(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Job {Job}: best-effort clean-up call failed", JobId);
        }
    }

    private Task RecordInCatalogAsync() => IgnoreFailure(GrainFactory.GetGrain<IJobCatalogGrain>(0).Record(new JobSummary(
        JobId, S.Spec?.Name ?? "", S.Spec?.Kind ?? "", S.Status, S.SubmittedAt ?? DateTimeOffset.UtcNow, S.FinishedAt, S.Error)));

    /// <summary>Queues a progress event. Events go out in order, one at a time, off the scheduling path.</summary>
    private void Publish(JobEventType type, string? stage, int stageIndex, int completed, string? message)
    {
        _pendingEvents.Enqueue(new JobEvent
        {
            JobId = JobId,
            Type = type,
            Stage = stage,
            StageIndex = stageIndex,
            StageCount = S.Plan?.Stages.Count ?? 0,
            CompletedTasks = completed,
            TotalTasks = stage is null ? 0 : S.Plan!.Stages[stageIndex].Tasks.Count,
            Message = message,
            Timestamp = DateTimeOffset.UtcNow,
        });
        if (_publishing.IsCompleted)
            _publishing = PublishPendingAsync();
    }

    private async Task PublishPendingAsync()
    {
        while (_pendingEvents.TryDequeue(out var e))
        {
            try
            {
                _events ??= this.GetStreamProvider(FlowNames.StreamProvider)
                    .GetStream<JobEvent>(StreamId.Create(FlowNames.JobEventsNamespace, JobId));
                await _events.OnNextAsync(e);
            }
            catch (Exception error)
            {
                // Progress is a courtesy: a lost event must not fail the job.
                logger.LogDebug(error, "Job {Job}: could not publish {Event}", JobId, e.Type);
            }
        }
    }
}
