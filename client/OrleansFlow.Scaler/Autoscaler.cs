using Microsoft.Extensions.Logging;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;

namespace OrleansFlow.Scaler;

/// <summary>
/// Watches a cluster's demand (tasks of running jobs waiting for a slot, and for how long; the tasks each compute
/// silo runs) every <see cref="Interval"/>, asks the <see cref="ScalerPolicy"/>, and carries out its decisions through
/// an <see cref="IComputeProvider"/>. Every change is logged with its reason and kept in <see cref="Decisions"/>.
/// It runs beside the cluster, as a client: it holds no state the cluster needs, so it can stop and restart freely.
/// </summary>
public sealed class Autoscaler(FlowClient client, IComputeProvider provider, ScalerPolicy policy, ILogger<Autoscaler> logger, TimeProvider? time = null)
{
    private const int KeptDecisions = 100;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private readonly Queue<ScalerDecision> _decisions = new();
    private ScalerObservation? _last;

    /// <summary>How often it looks.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(250);

    public ScalerPolicyOptions Policy => policy.Options;

    /// <summary>The last changes (scale-outs and scale-ins), oldest first.</summary>
    public IReadOnlyList<ScalerDecision> Decisions
    {
        get
        {
            lock (_lock)
                return _decisions.ToList();
        }
    }

    /// <summary>What the last step saw.</summary>
    public ScalerObservation? LastObservation => Volatile.Read(ref _last);

    /// <summary>Raised for every change, after it was carried out (or failed to be).</summary>
    public event Action<ScalerDecision>? Changed;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await StepAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A silo that just left can fail a look at the cluster; the next step looks again.
                logger.LogWarning("Autoscaler step failed: {Error}", e.Message);
            }
            await Task.Delay(Interval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One look and, when the policy says so, one change.</summary>
    public async Task<ScalerDecision> StepAsync(CancellationToken cancellationToken)
    {
        var seen = await ObserveAsync(cancellationToken);
        Volatile.Write(ref _last, seen);
        var decision = policy.Decide(seen);
        if (decision.Action == ScalerAction.None)
            return decision;
        logger.LogInformation("Autoscaler: {Decision}", decision);
        lock (_lock)
        {
            _decisions.Enqueue(decision);
            while (_decisions.Count > KeptDecisions)
                _decisions.Dequeue();
        }
        try
        {
            if (decision.Action == ScalerAction.ScaleOut)
                await provider.StartAsync(decision.Count, cancellationToken);
            else
                await provider.StopAsync(decision.Silo!, cancellationToken);
        }
        finally
        {
            Changed?.Invoke(decision);
        }
        return decision;
    }

    private async Task<ScalerObservation> ObserveAsync(CancellationToken cancellationToken)
    {
        var silos = await client.GetClusterAsync().WaitAsync(cancellationToken);
        provider.Observe(silos);
        var compute = silos
            .Where(s => s.Role != SiloRole.Memory && !s.Draining)
            .Select(s => new ComputeSilo(s.Silo, s.TaskSlots, s.RunningTasks))
            .ToList();
        var running = (await client.ListJobsAsync(200).WaitAsync(cancellationToken)).Where(j => !j.Status.IsTerminal()).ToList();
        var infos = await Task.WhenAll(running.Select(j => client.GetJob(j.JobId).GetInfoAsync(cancellationToken)));
        var waiting = infos.Sum(i => i.WaitingTasks);
        var since = infos.Where(i => i.WaitingSince is not null).Select(i => i.WaitingSince!.Value).DefaultIfEmpty().Min();
        return new ScalerObservation(_time.GetUtcNow(), compute, provider.Starting, waiting, waiting > 0 && since != default ? since : null);
    }
}
