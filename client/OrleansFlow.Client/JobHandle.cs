using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orleans.Streams;
using Polly;
using Polly.Retry;
using OrleansFlow.Abstractions;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Client;

/// <summary>A submitted job: its status, its progress stream, its result, and cancellation.</summary>
public sealed class JobHandle
{
    /// <summary>How long one waiting call of <see cref="WaitAsync"/> to the job lasts before it asks again (and
    /// reports the status). The call also wakes a job whose silo died, so that it resumes elsewhere.</summary>
    public static TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long calls to the job ride out the loss of the silo that hosted it: until membership has
    /// declared that silo dead, the job grain cannot be reached; then it reactivates elsewhere from its stored state.</summary>
    public static TimeSpan FailoverTimeout { get; set; } = TimeSpan.FromMinutes(2);

    private static readonly ResiliencePipeline Failover = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<OrleansMessageRejectionException>()
                .Handle<SiloUnavailableException>()
                .Handle<TimeoutException>()
                .Handle<Orleans.Runtime.Messaging.ConnectionFailedException>(),
            MaxRetryAttempts = int.MaxValue,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Constant,
        })
        .AddTimeout(new Polly.Timeout.TimeoutStrategyOptions { Timeout = FailoverTimeout })
        .Build();

    private readonly IClusterClient _client;
    private readonly IJobGrain _grain;

    internal JobHandle(IClusterClient client, string jobId)
    {
        _client = client;
        JobId = jobId;
        _grain = client.GetGrain<IJobGrain>(jobId);
    }

    public string JobId { get; }

    /// <summary>How long one attempt of a short call to a job's grains may take before it is tried again. Grain calls
    /// may run for minutes (the messaging response timeout is 10 min), but a call routed to a silo that just died can
    /// be lost and would wait for all of that.</summary>
    public static TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public Task<JobInfo> GetInfoAsync(CancellationToken cancellationToken = default) => CallAsync(_ => _grain.GetInfo(), cancellationToken);

    /// <summary>The result once the job has ended, else null.</summary>
    public Task<JobResult?> GetResultAsync(CancellationToken cancellationToken = default) => CallAsync(_ => _grain.GetResult(), cancellationToken);

    /// <summary>A short call to one of the job's grains (its metrics, counters...) that survives a silo's loss: tried
    /// again while the grain moves to a live silo, each attempt within <see cref="AttemptTimeout"/>.</summary>
    public Task<T> CallAsync<T>(Func<IClusterClient, Task<T>> call, CancellationToken cancellationToken = default) =>
        Failover.ExecuteAsync(async token => await call(_client).WaitAsync(AttemptTimeout, token), cancellationToken).AsTask();

    public Task CancelAsync(string reason = "cancelled by the user") => _grain.Cancel(reason);

    /// <summary>The job's progress events as they happen (Orleans Streaming), until the job ends.</summary>
    public async IAsyncEnumerable<JobEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<JobEvent>();
        var subscription = await Stream().SubscribeAsync((e, _) =>
        {
            channel.Writer.TryWrite(e);
            if (e.IsTerminal) channel.Writer.TryComplete();
            return Task.CompletedTask;
        });
        try
        {
            var info = await _grain.GetInfo();
            if (info.Status.IsTerminal())
                yield break;
            // Events published before the subscription are not replayed by the stream: the job's state so far comes
            // first, as the events that led to it (one that raced with the subscription may then come twice).
            foreach (var e in StateSoFar(info))
                yield return e;
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken))
                yield return e;
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    private static IEnumerable<JobEvent> StateSoFar(JobInfo info)
    {
        if (info.StartedAt is not { } started) yield break;
        yield return new JobEvent { JobId = info.JobId, Type = JobEventType.JobStarted, StageCount = info.Stages.Count, Timestamp = started };
        for (var i = 0; i < info.Stages.Count; i++)
        {
            var stage = info.Stages[i];
            if (stage.StartedAt is { } stageStarted)
                yield return Event(JobEventType.StageStarted, stageStarted);
            if (stage.FinishedAt is { } stageFinished)
                yield return Event(JobEventType.StageCompleted, stageFinished);

            JobEvent Event(JobEventType type, DateTimeOffset at) => new()
            {
                JobId = info.JobId, Type = type, Stage = stage.Name, StageIndex = i, StageCount = info.Stages.Count,
                CompletedTasks = stage.CompletedTasks, TotalTasks = stage.TotalTasks, Timestamp = at,
            };
        }
    }

    /// <summary>How long <see cref="WaitAsync"/> waits, once the job has ended, for the stream to deliver its last
    /// events to an <c>onEvent</c> callback (the stream delivers them up to its polling period later).</summary>
    public static TimeSpan LastEventsGrace { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Waits for the job to end and returns its result; <paramref name="onEvent"/> sees its progress events
    /// and <paramref name="onStatus"/> each status it polls. The end is seen as it happens (the job grain answers a
    /// waiting call then), not at the next poll or stream delivery.</summary>
    public async Task<JobResult> WaitAsync(Action<JobEvent>? onEvent = null, Action<JobInfo>? onStatus = null, CancellationToken cancellationToken = default)
    {
        var lastEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = onEvent is null ? null : await Stream().SubscribeAsync((e, _) =>
        {
            onEvent(e);
            if (e.IsTerminal) lastEvent.TrySetResult();
            return Task.CompletedTask;
        });
        try
        {
            while (true)
            {
                var info = await CallAsync(_ => _grain.WaitForEnd(StatusPollInterval), cancellationToken);
                onStatus?.Invoke(info);
                if (!info.Status.IsTerminal()) continue;
                if (subscription is not null)
                    await Task.WhenAny(lastEvent.Task, Task.Delay(LastEventsGrace, cancellationToken));
                return await GetResultAsync(cancellationToken) ?? throw new InvalidOperationException($"Job {JobId} ended but has no result.");
            }
        }
        finally
        {
            if (subscription is not null) await UnsubscribeQuietlyAsync(subscription);
        }
    }

    /// <summary>The stream's rendezvous may have died with a silo; the subscription is then gone anyway.</summary>
    private static async Task UnsubscribeQuietlyAsync(StreamSubscriptionHandle<JobEvent> subscription)
    {
        try
        {
            await subscription.UnsubscribeAsync();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
        }
    }

    private IAsyncStream<JobEvent> Stream() => _client.GetStreamProvider(FlowNames.StreamProvider)
        .GetStream<JobEvent>(StreamId.Create(FlowNames.JobEventsNamespace, JobId));
}
