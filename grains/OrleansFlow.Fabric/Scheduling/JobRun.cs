using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Fabric.Telemetry;
using Polly;
using Polly.Retry;

namespace OrleansFlow.Fabric.Scheduling;

/// <summary>
/// The rules of running a planned job, without Orleans: stages start when the stages they depend on are done; each
/// stage's tasks go to the silo with the most free slots; a task that fails is retried with backoff, unless it failed
/// on input the user must fix, which fails the job at once; a silo that fails a call is suspect (no tasks) for a while
/// and the task goes elsewhere without using an attempt; a stage whose input was lost runs the producing tasks whose
/// output was lost again. Progress is kept in <see cref="JobState"/>
/// (a resumed run continues at its first unfinished task) and saved through the host after every stage.
/// </summary>
/// <remarks>Not thread-safe: the host drives it from one logical thread (the job grain's turns).</remarks>
public sealed class JobRun(string jobId, JobState state, IJobRunHost host, JobRunOptions options, TimeProvider time, ILogger logger)
{
    private readonly Dictionary<string, DateTimeOffset> _suspectUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<int, DateTimeOffset> _lastTaskEvent = [];
    private readonly HashSet<string> _leaving = new(StringComparer.Ordinal);
    private readonly SiloSlots _slots = new(options.SlotsPerSilo, time);
    private int _attemptSequence;
    private int _recoveries;
    private int _inFlight;
    private TaskCompletionSource? _settled;
    private bool _handingOver;
    private readonly TaskCompletionSource _parked = new();

    private JobPlan Plan => state.Plan ?? throw new InvalidOperationException($"job {jobId} has no plan");

    /// <summary>Tasks ready to run that wait for a slot, and since when the first has waited.</summary>
    public (int Tasks, DateTimeOffset? Since) Waiting => (_slots.Waiting, _slots.WaitingSince);

    /// <summary>Cluster membership changed: a silo that joined takes waiting tasks at once, one that left gets no more.</summary>
    public void SilosChanged() => _slots.SetSilos(TrustedSilos());

    /// <summary>
    /// Stops the run where it stands, for another activation to resume (its host is leaving): no further task starts,
    /// the attempts out on silos are waited for (until <paramref name="cancellationToken"/>) and recorded, and the
    /// state is saved, so the resumed run starts none of the tasks that finished.
    /// </summary>
    public async Task HandOverAsync(CancellationToken cancellationToken)
    {
        _handingOver = true;
        _slots.Pause();
        if (_inFlight > 0)
        {
            _settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                await _settled.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("Job {Job}: handed over with {Count} task(s) still out; they run again", jobId, _inFlight);
            }
        }
        await host.SaveAsync();
    }

    /// <summary>Saves the state, except once the run is being handed over: then only the hand-over saves (two writes
    /// at once would conflict), and this run stops here for good.</summary>
    private async Task SaveAsync()
    {
        if (_handingOver)
            await _parked.Task;
        await host.SaveAsync();
    }

    /// <summary>Runs every unfinished stage. Returns normally when all succeeded; throws the failing task's
    /// <see cref="TaskAttemptException"/> (or another exception) when the job failed, and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> stopped it.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var plan = Plan;
        var done = plan.Stages.Select((s, i) => state.Progress[i].Completed.Count == s.Tasks.Count && state.Progress[i].FinishedAt is not null).ToArray();
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
                    await RunStageAsync(i, cancellationToken);
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
    }

    private async Task RunStageAsync(int stageIndex, CancellationToken cancellationToken)
    {
        var stage = Plan.Stages[stageIndex];
        var progress = state.Progress[stageIndex];
        using var span = FlowActivity.Source.StartActivity($"stage {stage.Name}");
        span?.SetTag("orleansflow.job", jobId);
        span?.SetTag("orleansflow.tasks", stage.Tasks.Count);
        progress.StartedAt ??= time.GetUtcNow();
        host.Publish(JobEventType.StageStarted, stageIndex, null);
        _slots.SetSilos(TrustedSilos());

        // The first task to fail for good stops its siblings; its error is the job's error.
        using var stageCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? firstFailure = null;
        var pipeline = BuildRetryPipeline(stage, progress, stageIndex);
        var pending = stage.Tasks.Where(t => !progress.Completed.ContainsKey(t.TaskIndex)).ToList();
        await Task.WhenAll(pending.Select(async task =>
        {
            try
            {
                await RunTaskAsync(task, progress, pipeline, stageCancel.Token);
                var now = time.GetUtcNow();
                if (now - _lastTaskEvent.GetValueOrDefault(stageIndex) >= options.TaskEventInterval)
                {
                    _lastTaskEvent[stageIndex] = now;
                    host.Publish(JobEventType.TaskCompleted, stageIndex, null);
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
        progress.FinishedAt = time.GetUtcNow();
        await SaveAsync();
        host.Publish(JobEventType.StageCompleted, stageIndex, null);
    }

    private async Task<TaskReport> RunTaskAsync(TaskSpec task, StageProgress progress, ResiliencePipeline pipeline, CancellationToken cancellationToken)
    {
        string? lastFailedSilo = null;
        // Continue on the caller's scheduler: the job's state is only touched from the host's turns.
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true, cancellationToken);
        try
        {
            return await pipeline.ExecuteAsync(async ctx =>
            {
                for (var tries = 1; ; tries++)
                {
                    var waitStart = time.GetTimestamp();
                    var silo = await AcquireSlotAsync(lastFailedSilo, ctx.CancellationToken);
                    _inFlight++;
                    try
                    {
                        var queued = time.GetElapsedTime(waitStart);
                        TaskReport report;
                        // Attempt numbers only grow, across retries, recoveries and resumed runs.
                        var attempt = task with { Attempt = state.Generation * 1_000_000 + ++_attemptSequence };
                        var started = time.GetUtcNow();
                        try
                        {
                            report = await host.RunTaskAsync(silo, attempt);
                            report = report with { QueuedFor = report.QueuedFor + queued };
                        }
                        catch (Exception e) when (e is not OperationCanceledException || !ctx.CancellationToken.IsCancellationRequested)
                        {
                            // The attempt is billed for as long as the job waited on it.
                            progress.OtherAttempts.Add(new TaskReport
                            {
                                Stage = task.Stage, TaskIndex = task.TaskIndex, Attempt = attempt.Attempt, Silo = silo, StartedAt = started,
                                Duration = time.GetUtcNow() - started, QueuedFor = queued,
                                Failure = new TaskFailure(TaskFailureKind.SiloLost, $"silo {silo} failed: {e.Message}"),
                            });
                            // The silo, not the task, failed (died, left, unreachable): keep tasks away from it and try
                            // another; this uses none of the task's retries.
                            lastFailedSilo = silo;
                            _suspectUntil[silo] = time.GetUtcNow() + options.SuspectFor;
                            logger.LogWarning("Job {Job}: silo {Silo} failed task {Stage}[{Index}]: {Error}", jobId, silo, task.Stage, task.TaskIndex, e.Message);
                            _slots.Release(silo);
                            _slots.SetSilos(TrustedSilos());
                            if (tries >= options.SiloFailoverTries)
                                throw new TaskAttemptException(
                                    new TaskFailure(TaskFailureKind.SiloLost, $"no silo could run task {task.Stage}[{task.TaskIndex}]: {e.Message}"), silo);
                            continue;
                        }
                        _slots.Release(silo);
                        if (report.Failure is { Kind: TaskFailureKind.Refused })
                        {
                            // Refused unrun by a silo that is leaving: it gets no more tasks, and this try does not count.
                            _leaving.Add(silo);
                            _slots.SetSilos(TrustedSilos());
                            tries--;
                            continue;
                        }
                        if (report.Failure is not null)
                            progress.OtherAttempts.Add(report);
                        switch (report.Failure)
                        {
                            case null:
                                // Recorded here, before the attempt stops counting as out: a hand-over saves it.
                                progress.Completed[task.TaskIndex] = report;
                                return report;
                            case { Kind: TaskFailureKind.Cancelled }:
                                throw new OperationCanceledException(cancellationToken);
                            case { Kind: TaskFailureKind.SiloLost } lostSilo when tries < options.SiloFailoverTries:
                                // The task ran fine but called a silo that died: run it again, without using one of its
                                // retries, once membership has had a moment to move that silo's grains.
                                logger.LogWarning("Job {Job}: task {Stage}[{Index}] reached a lost silo: {Error}", jobId, task.Stage, task.TaskIndex, lostSilo.Message);
                                await Task.Delay(SiloLostDelay(tries), time, ctx.CancellationToken);
                                continue;
                            case var failure:
                                lastFailedSilo = silo;
                                throw new TaskAttemptException(failure, silo);
                        }
                    }
                    finally
                    {
                        if (--_inFlight == 0)
                            _settled?.TrySetResult();
                    }
                }
            }, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// A stage failed. If it failed because shuffle data it reads was lost, forget the results of the producing tasks
    /// whose output was lost (named by the failure, or run on silos no longer live) so that they run again, and let
    /// the stage continue (lineage recovery, as Spark does). Producing stages re-run whole only when the failure could
    /// not say which of their tasks were lost.
    /// </summary>
    private async Task<bool> TryRecoverLostInputAsync(int stageIndex, Exception error, bool[] done)
    {
        var plan = Plan;
        var stage = plan.Stages[stageIndex];
        if (_recoveries >= options.MaxRecoveries || stage.DependsOn.Count == 0)
            return false;
        // A silo that drained moved its blocks away: what its tasks wrote is not lost with it.
        var live = host.ActiveSilos().Concat(state.Drains.Select(d => d.Silo)).ToHashSet(StringComparer.Ordinal);
        var failure = (error as TaskAttemptException)?.Failure;
        var lost = new HashSet<TaskRef>();
        foreach (var d in stage.DependsOn)
        {
            foreach (var (index, report) in state.Progress[d].Completed)
            {
                if (!live.Contains(report.Silo))
                    lost.Add(new TaskRef(d, index));
            }
        }
        if (failure is { Kind: TaskFailureKind.ShuffleDataLost })
        {
            foreach (var named in failure.LostInputs)
            {
                if (stage.DependsOn.Contains(named.Stage))
                    lost.Add(named);
            }
            if (lost.Count == 0)
            {
                foreach (var d in stage.DependsOn)
                    lost.UnionWith(plan.Stages[d].Tasks.Select(t => new TaskRef(d, t.TaskIndex)));
            }
        }
        if (lost.Count == 0)
            return false;
        _recoveries++;
        foreach (var group in lost.GroupBy(t => t.Stage))
        {
            var progress = state.Progress[group.Key];
            foreach (var t in group)
            {
                // Its output is gone, but the attempt ran: it stays on the bill.
                if (progress.Completed.Remove(t.Task, out var superseded))
                    progress.OtherAttempts.Add(superseded);
            }
            progress.FinishedAt = null;
            progress.Recomputed += group.Count();
            done[group.Key] = false;
        }
        var what = string.Join(", ", lost.GroupBy(t => t.Stage).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} of {plan.Stages[g.Key].Tasks.Count} tasks of {plan.Stages[g.Key].Name}"));
        logger.LogWarning("Job {Job}: stage {Stage} lost its input ({Error}); running {What} again", jobId, stage.Name, error.Message, what);
        host.Publish(JobEventType.TaskRetried, stageIndex, $"input lost with a silo; running {what} again");
        await SaveAsync();
        return true;
    }

    private ResiliencePipeline BuildRetryPipeline(StagePlan stage, StageProgress progress, int stageIndex)
    {
        var retries = state.Spec!.MaxTaskAttempts - 1;
        if (retries < 1)
            return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // Lost input is not the task's fault and retrying it here cannot help: the stage fails at once and
                // the job recomputes the input. Input the user must fix (bad rows, a wrong schema) fails the job at
                // once too: another attempt would read the same data and fail the same way.
                ShouldHandle = new PredicateBuilder().Handle<TaskAttemptException>(e =>
                    e.Failure.Kind is TaskFailureKind.TaskError or TaskFailureKind.SiloLost),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                OnRetry = args =>
                {
                    progress.Retries++;
                    var message = args.Outcome.Exception?.Message;
                    logger.LogInformation("Job {Job} stage {Stage}: retry {Attempt} after: {Error}", jobId, stage.Name, args.AttemptNumber + 1, message);
                    host.Publish(JobEventType.TaskRetried, stageIndex, message);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>A free slot. With no silo to run tasks on (none active, or every one refusing), the task waits for one
    /// to join, as compute scaled to zero comes back, but only for <see cref="JobRunOptions.NoSiloTimeout"/>.</summary>
    private async Task<string> AcquireSlotAsync(string? avoid, CancellationToken cancellationToken)
    {
        if (_slots.Silos.Count > 0)
            return await _slots.AcquireAsync(avoid, cancellationToken);
        using var timeout = new CancellationTokenSource(options.NoSiloTimeout, time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await _slots.AcquireAsync(avoid, bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var refusing = _leaving.Count > 0 ? $" ({_leaving.Count} refused tasks: draining, or running no tasks)" : "";
            throw new InvalidOperationException($"No silo could run tasks for {options.NoSiloTimeout.TotalSeconds:0.#} s{refusing}.");
        }
    }

    private TimeSpan SiloLostDelay(int tries) =>
        TimeSpan.FromTicks(Math.Min(options.MaxRetryDelay.Ticks, options.RetryBaseDelay.Ticks << Math.Min(tries, 16)));

    /// <summary>The active silos less those that failed a call lately (all of them when every one is suspect).</summary>
    private IReadOnlyList<string> TrustedSilos()
    {
        var now = time.GetUtcNow();
        var live = host.ActiveSilos().Where(s => !_leaving.Contains(s)).ToList();
        var trusted = live.Where(s => !(_suspectUntil.TryGetValue(s, out var until) && until > now)).ToList();
        return trusted.Count > 0 ? trusted : live;
    }
}
