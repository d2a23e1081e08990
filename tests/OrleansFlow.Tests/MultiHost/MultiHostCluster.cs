using OrleansFlow.Client;
using OrleansFlow.Tests.Infrastructure;
using OrleansFlow.Testing.NetworkNamespaces;

namespace OrleansFlow.Tests.MultiHost;

/// <summary>
/// A cluster spread over "hosts" of this machine (<see cref="NetnsHosts"/>): redis-server on the first, one silo
/// process on each of the others, every one started with <c>--cluster redis://REDIS_HOST:PORT --advertise-address
/// ITS_HOST</c>, and a <see cref="FlowClient"/> in the test's own (root) namespace that reaches them over the bridge.
/// Disposing stops client, silos and Redis, then deletes the namespaces.
/// </summary>
public sealed class MultiHostCluster : IAsyncDisposable
{
    private readonly NetnsHosts _network;
    private readonly RedisServer? _redis;
    private readonly List<SiloProcess> _silos;
    private FlowClient? _client;

    private MultiHostCluster(NetnsHosts network, RedisServer? redis, List<SiloProcess> silos)
    {
        _network = network;
        _redis = redis;
        _silos = silos;
    }

    public FlowClient Client => _client!;

    public NetnsHosts Network => _network;

    /// <summary>The silos' hosts, in the order of <see cref="Silos"/>.</summary>
    public IReadOnlyList<NetnsHost> SiloHosts => _network.Hosts.Skip(1).ToList();

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public static async Task<MultiHostCluster> StartAsync(int silos, string workDirectory, params string[] siloArguments)
    {
        var network = await NetnsHosts.CreateAsync(1 + silos);
        var cluster = new MultiHostCluster(network, null, []);
        try
        {
            var redisHost = network.Hosts[0];
            var redis = await RedisServer.StartAsync(redisHost.Namespace, redisHost.Address);
            cluster = new MultiHostCluster(network, redis, []);
            var clusterId = $"test-{Guid.NewGuid():N}";
            string[] membership = ["--cluster", $"redis://{redis.Configuration}", "--cluster-id", clusterId, "--work-dir", workDirectory];
            cluster._silos.AddRange(await Task.WhenAll(network.Hosts.Skip(1).Select(host =>
                SiloProcess.StartAsync(FabricCluster.SiloExecutable, [.. membership, "--advertise-address", host.Address, .. siloArguments],
                    new SiloProcessOptions { Namespace = host.Namespace, Address = host.Address }))));
            cluster._client = await FlowClient.ConnectAsync(new FlowClientOptions { Cluster = $"redis://{redis.Configuration}", ClusterId = clusterId });
            await Eventually.TrueAsync(async () => (await cluster.Client.GetClusterAsync()).Count == silos, TimeSpan.FromSeconds(60), $"{silos} silos active");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client is not null) await _client.DisposeAsync();
            foreach (var silo in _silos) await silo.DisposeAsync();
            if (_redis is not null) await _redis.DisposeAsync();
        }
        finally
        {
            await _network.DisposeAsync();
        }
    }
}
