namespace OrleansFlow.Rdma;

/// <summary>Data-plane endpoints ("host:port") of the other processes of the cluster, for replication.
/// The silo implements it from cluster membership; the default knows no peer.</summary>
public interface ITierPeerDirectory
{
    IReadOnlyList<string> GetPeerEndpoints();
}

/// <summary>No peers: replicas cannot be placed and replication factors above 1 fail clearly at allocation.</summary>
public sealed class NoTierPeers : ITierPeerDirectory
{
    public IReadOnlyList<string> GetPeerEndpoints() => [];
}

/// <summary>A fixed list of peers, for tests and static deployments.</summary>
public sealed class StaticTierPeers(IEnumerable<string> endpoints) : ITierPeerDirectory
{
    private readonly string[] _endpoints = endpoints.ToArray();

    public IReadOnlyList<string> GetPeerEndpoints() => _endpoints;
}
