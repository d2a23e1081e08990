using Microsoft.Extensions.Logging;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Rdma;
using OrleansFlow.Rdma.DataPlane;

namespace OrleansFlow.Fabric.Tier;

/// <summary>
/// The memory tier's peers (for replicas), kept from cluster membership: when this silo becomes active it registers
/// its data endpoint in the <see cref="ITierDirectoryGrain"/>; on every membership change it registers again and
/// reloads the other silos' endpoints. Reading the list costs nothing: the tier asks at every allocation.
/// </summary>
public sealed class MembershipTierPeers(
    IClusterMembershipService membership,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    DataPlaneEndpoint dataPlane,
    ILogger<MembershipTierPeers> logger) : ITierPeerDirectory, ILifecycleParticipant<ISiloLifecycle>
{
    private volatile IReadOnlyList<string> _peers = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _following = Task.CompletedTask;

    public IReadOnlyList<string> GetPeerEndpoints() => _peers;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(MembershipTierPeers),
        ServiceLifecycleStage.Active,
        async cancellationToken =>
        {
            await RefreshAtStartAsync(cancellationToken);
            _following = FollowMembershipAsync(_stop.Token);
        },
        async _ =>
        {
            _stop.Cancel();
            try { await _following; } catch (OperationCanceledException) { }
        });

    /// <summary>
    /// Registers before the silo serves jobs, so that its first blocks can have replicas. Silos that start together
    /// may find the directory grain placed on one that is not active yet ("not an active member of the cluster"):
    /// a few short retries ride that out; after them the silo starts anyway and membership changes retry.
    /// </summary>
    private async Task RefreshAtStartAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RefreshAsync();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < 6)
            {
                logger.LogDebug("Memory tier peers not registered yet (attempt {Attempt}): {Error}", attempt, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Memory tier peers not registered at start: {Error}; the next membership change tries again", e.Message);
                return;
            }
            await Task.Delay(delay, cancellationToken);
            delay *= 2;
        }
    }

    private async Task FollowMembershipAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in membership.MembershipUpdates.WithCancellation(cancellationToken))
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The directory may be moving with a lost silo; the next membership change tries again.
                logger.LogWarning("Memory tier peers not refreshed: {Error}", e.Message);
            }
        }
    }

    private async Task RefreshAsync()
    {
        var directory = grains.GetGrain<ITierDirectoryGrain>(0);
        var self = silo.SiloAddress.ToParsableString();
        await directory.Register(self, dataPlane.Endpoint);
        var endpoints = await directory.GetEndpoints();
        // The directory keeps the endpoints of silos that died; only active silos can hold replicas.
        var active = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress.ToParsableString()).ToHashSet(StringComparer.Ordinal);
        _peers = endpoints.Where(e => e.Key != self && active.Contains(e.Key)).Select(e => e.Value).Order(StringComparer.Ordinal).ToList();
    }
}
