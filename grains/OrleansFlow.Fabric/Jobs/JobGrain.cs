using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Streams;
using OrleansFlow.Abstractions;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Engine.Input;
using OrleansFlow.Fabric.Hosting;
using OrleansFlow.Fabric.Scheduling;
using OrleansFlow.Fabric.Telemetry;

namespace OrleansFlow.Fabric.Jobs;

/// <summary>
/// One job, as a grain: plans it, persists its state, and drives a <see cref="JobRun"/> (the scheduling rules) with
/// the silos' executors and the cluster's membership. Reentrant, so status and cancel calls are answered while the job
/// runs. A job whose silo died resumes, at its first unfinished task, when it is next called.
/// </summary>
[Reentrant]
[CollectionAgeLimit(Hours = 4)]
public sealed class JobGrain(
    [PersistentState("job", FlowNames.JobStorage)] IPersistentState<JobState> state,
    IEnumerable<IJobPlanner> planners,
    IOptions<OrleansFlowOptions> options,
    IClusterMembershipService membership,
    ILogger<JobGrain> logger) : Grain, IJobGrain, IJobRunHost
{
    private CancellationTokenSource? _cancel;
    private Task? _run;
    private JobRun? _runner;
    private CancellationTokenSource? _watching;
    private bool _handedOver;
    private HashSet<string>? _seen;
    private readonly HashSet<string> _joining = new(StringComparer.Ordinal);
    private string? _cancelReason;
    private IAsyncStream<JobEvent>? _events;
    private readonly Queue<JobEvent> _pendingEvents = new();
    private Task _publishing = Task.CompletedTask;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
            var opts = options.Value;
            var context = new PlanningContext(JobId, S.AccessKey, ActiveSilos().Count, opts.TaskSlotsPerSilo, opts.WorkDirectory) { Limits = opts.Limits };
            // Off the grain's scheduler: planners read files, and an engine that waits on tasks it starts would
            // deadlock a grain turn (those tasks would queue behind it).
            S.Plan = await Task.Run(() => planner.Plan(spec, context));
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

    /// <summary>
    /// The silo hosting this grain is stopping (drained, or shut down): a running job is handed over rather than lost.
    /// No new task starts, the ones out on silos finish and are recorded, the state is saved; the next call to the job
    /// (a client waiting on it asks every second) activates it on another silo, which resumes at the first unfinished task.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_runner is not { } run || _run is not { IsCompleted: false } || S.Status.IsTerminal())
            return;
        _handedOver = true;
        _watching?.Cancel();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(options.Value.DrainTimeout);
        await run.HandOverAsync(bound.Token);
        logger.LogInformation("Job {Job} handed over ({Reason}); it resumes on another silo", JobId, reason.Description);
    }

    public async Task<int> BlocksMoved(SiloDrainRecord drain, IReadOnlyList<BlockMove> moves)
    {
        if (S.Plan is not { } plan || S.Status.IsTerminal())
            return 0;
        var updated = await Task.WhenAll(plan.ShuffleKeys.Select(key => GrainFactory.GetGrain<IShufflePartitionGrain>(key).MoveBlocks(moves)));
        // Saved with the job's next save (stage end, hand-over or end): a write here could race the run's own.
        S.Drains.Add(drain);
        return updated.Sum();
    }

    public Task<JobInfo> GetInfo() => Task.FromResult(Info());

    public Task<JobResult?> GetResult() => Task.FromResult(JobSnapshot.Result(JobId, S, DateTimeOffset.UtcNow));

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

            var opts = options.Value;
            var rules = new JobRunOptions { SlotsPerSilo = opts.TaskSlotsPerSilo, RetryBaseDelay = opts.RetryBaseDelay };
            var run = _runner = new JobRun(JobId, S, this, rules, TimeProvider.System, logger);
            using var watching = _watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var watch = WatchMembershipAsync(run, watching.Token);
            try
            {
                await run.RunAsync(cancellationToken);
            }
            finally
            {
                watching.Cancel();
                await watch;
            }
            await FinishAsync(JobStatus.Succeeded, null);
        }
        catch (Exception) when (_handedOver)
        {
            // This activation is gone; the run continues in the next one.
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
        var info = JobSnapshot.Info(JobId, S, DateTimeOffset.UtcNow);
        if (_runner is not { } run || S.Status.IsTerminal())
            return info;
        var (tasks, since) = run.Waiting;
        return info with { WaitingTasks = tasks, WaitingSince = since };
    }

    /// <summary>Tells the run of every membership change as it happens (on the grain's turns), not only at stage starts.</summary>
    private async Task WatchMembershipAsync(JobRun run, CancellationToken cancellationToken)
    {
        _seen ??= ActiveMembers().ToHashSet(StringComparer.Ordinal);
        try
        {
            await foreach (var update in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                foreach (var joined in ActiveMembers().Where(s => _seen.Add(s)))
                {
                    _joining.Add(joined);
                    _ = ProbeJoinedAsync(joined, run, cancellationToken);
                }
                run.SilosChanged();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended.
        }
    }

    /// <summary>
    /// A silo that just joined is listed active here a moment before it accepts calls ("not an active member of the
    /// cluster"): a task sent then would fail and put a healthy silo in quarantine. It gets tasks once its executor
    /// has answered.
    /// </summary>
    private async Task ProbeJoinedAsync(string silo, JobRun run, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 40 && !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await GrainFactory.GetGrain<IExecutorGrain>(silo).GetStats().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug("Job {Job}: joined silo {Silo} does not answer yet: {Error}", JobId, silo, e.Message);
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        _joining.Remove(silo);
        run.SilosChanged();
    }

    /// <summary>The active silos as this silo's membership view has them (no call needed), less those that joined
    /// during the run and have not answered yet.</summary>
    public IReadOnlyList<string> ActiveSilos()
    {
        var active = ActiveMembers();
        _seen ??= active.ToHashSet(StringComparer.Ordinal);
        return _joining.Count == 0 ? active : active.Where(s => !_joining.Contains(s)).ToList();
    }

    private List<string> ActiveMembers() => membership.CurrentSnapshot.Members.Values
        .Where(m => m.Status == SiloStatus.Active)
        .Select(m => m.SiloAddress.ToParsableString())
        .ToList();

    Task<TaskReport> IJobRunHost.RunTaskAsync(string silo, TaskSpec task) => GrainFactory.GetGrain<IExecutorGrain>(silo).Run(task);

    Task IJobRunHost.SaveAsync() => state.WriteStateAsync();

    void IJobRunHost.Publish(JobEventType type, int? stageIndex, string? message) =>
        Publish(type, stageIndex is { } i ? S.Plan!.Stages[i].Name : null, stageIndex ?? 0,
            stageIndex is { } j ? S.Progress[j].Completed.Count : 0, message);

    private async Task BroadcastAsync(Func<IExecutorGrain, Task> call)
    {
        await Task.WhenAll(ActiveSilos().Select(s => IgnoreFailure(call(GrainFactory.GetGrain<IExecutorGrain>(s)))));
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
            StageRole = stage is null ? StageRole.Other : S.Plan!.Stages[stageIndex].Role,
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
