using System.Collections.Concurrent;

namespace OrleansFlow.Fabric.Execution;

/// <summary>
/// One cancellation source per job on this silo. Grain calls do not carry cancellation across the executor and the
/// stateless worker, so both look the job's token up here.
/// </summary>
public sealed class JobCancellations
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _sources = new();

    public CancellationToken TokenFor(string jobId) => _sources.GetOrAdd(jobId, _ => new CancellationTokenSource()).Token;

    public void Cancel(string jobId)
    {
        if (_sources.TryGetValue(jobId, out var source))
            source.Cancel();
        else
            _sources.TryAdd(jobId, CreateCancelled());
    }

    /// <summary>Forgets the job once it has ended.</summary>
    public void Forget(string jobId)
    {
        if (_sources.TryRemove(jobId, out var source))
            source.Dispose();
    }

    private static CancellationTokenSource CreateCancelled()
    {
        var source = new CancellationTokenSource();
        source.Cancel();
        return source;
    }
}
