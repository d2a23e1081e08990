using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orleans.Streams;
using OrleansFlow.Abstractions;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Client;

/// <summary>A submitted job: its status, its progress stream, its result, and cancellation.</summary>
public sealed class JobHandle
{
    /// <summary>How often <see cref="WaitAsync"/> asks the job directly, besides listening to its events. The call also
    /// wakes a job whose silo died, so that it resumes elsewhere.</summary>
    public static TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    private readonly IClusterClient _client;
    private readonly IJobGrain _grain;

    internal JobHandle(IClusterClient client, string jobId)
    {
        _client = client;
        JobId = jobId;
        _grain = client.GetGrain<IJobGrain>(jobId);
    }

    public string JobId { get; }

    public Task<JobInfo> GetInfoAsync() => _grain.GetInfo();

    /// <summary>The result once the job has ended, else null.</summary>
    public Task<JobResult?> GetResultAsync() => _grain.GetResult();

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
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken))
                yield return e;
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    /// <summary>Waits for the job to end and returns its result; <paramref name="onEvent"/> sees its progress events
    /// and <paramref name="onStatus"/> each status it polls.</summary>
    public async Task<JobResult> WaitAsync(Action<JobEvent>? onEvent = null, Action<JobInfo>? onStatus = null, CancellationToken cancellationToken = default)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = await Stream().SubscribeAsync((e, _) =>
        {
            onEvent?.Invoke(e);
            if (e.IsTerminal) ended.TrySetResult();
            return Task.CompletedTask;
        });
        try
        {
            while (true)
            {
                var info = await _grain.GetInfo();
                onStatus?.Invoke(info);
                if (info.Status.IsTerminal())
                    return await _grain.GetResult() ?? throw new InvalidOperationException($"Job {JobId} ended but has no result.");
                await Task.WhenAny(ended.Task, Task.Delay(StatusPollInterval, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    private IAsyncStream<JobEvent> Stream() => _client.GetStreamProvider(FlowNames.StreamProvider)
        .GetStream<JobEvent>(StreamId.Create(FlowNames.JobEventsNamespace, JobId));
}
