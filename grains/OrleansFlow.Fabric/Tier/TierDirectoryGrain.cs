using OrleansFlow.Abstractions.Grains;

namespace OrleansFlow.Fabric.Tier;

/// <summary>
/// The cluster's list of data-plane endpoints. A silo that has not registered yet (it joined a moment ago) is asked
/// directly, through its executor, so a reader never misses an active silo. In memory: if it is lost with its silo,
/// the next call rebuilds it the same way.
/// </summary>
public sealed class TierDirectoryGrain(IClusterMembershipService membership) : Grain, ITierDirectoryGrain
{
    private readonly Dictionary<string, string> _endpoints = new(StringComparer.Ordinal);

    public Task Register(string silo, string dataEndpoint)
    {
        _endpoints[silo] = dataEndpoint;
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetEndpoints()
    {
        var active = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress.ToParsableString())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _endpoints.Keys.Where(s => !active.Contains(s)).ToList())
            _endpoints.Remove(gone);
        var unknown = active.Where(s => !_endpoints.ContainsKey(s)).ToList();
        var stats = await Task.WhenAll(unknown.Select(s => GrainFactory.GetGrain<IExecutorGrain>(s).GetStats()));
        foreach (var s in stats)
        {
            if (s.DataEndpoint is { } endpoint)
                _endpoints[s.Silo] = endpoint;
        }
        return new Dictionary<string, string>(_endpoints);
    }
}
