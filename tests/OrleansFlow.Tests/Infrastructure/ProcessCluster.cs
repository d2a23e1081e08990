using OrleansFlow.Client;

namespace OrleansFlow.Tests.Infrastructure;

/// <summary>
/// A real deployment in miniature: a redis-server of its own, silo processes clustered through it, and a remote
/// client that has seen every silo join. Disposing stops it all.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private ProcessCluster(RedisServer redis, SiloProcess[] silos, FlowClient client, string clusterId)
    {
        Redis = redis;
        Silos = silos;
        Client = client;
        ClusterId = clusterId;
    }

    public RedisServer Redis { get; }
    public IReadOnlyList<SiloProcess> Silos { get; }
    public FlowClient Client { get; }
    public string ClusterId { get; }

    public static async Task<ProcessCluster> StartAsync(int silos, string workDirectory, params string[] siloArguments)
    {
        var redis = await RedisServer.StartAsync();
        var clusterId = $"test-{Guid.NewGuid():N}";
        var started = new List<SiloProcess>();
        try
        {
            started.AddRange(await Task.WhenAll(Enumerable.Range(0, silos).Select(_ =>
                SiloProcess.StartAsync(redis.Configuration, clusterId, [.. siloArguments, "--work-dir", workDirectory]))));
            var client = await ConnectAsync(redis, clusterId);
            await Eventually.TrueAsync(async () => (await client.GetClusterAsync()).Count == silos, TimeSpan.FromSeconds(60), $"{silos} silos active");
            return new ProcessCluster(redis, [.. started], client, clusterId);
        }
        catch
        {
            foreach (var silo in started) await silo.DisposeAsync();
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>A second, independent client of the same cluster.</summary>
    public Task<FlowClient> ConnectAnotherClientAsync() => ConnectAsync(Redis, ClusterId);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        foreach (var silo in Silos) await silo.DisposeAsync();
        await Redis.DisposeAsync();
    }

    private static Task<FlowClient> ConnectAsync(RedisServer redis, string clusterId) =>
        FlowClient.ConnectAsync(new FlowClientOptions { Cluster = $"redis://{redis.Configuration}", ClusterId = clusterId });
}
