namespace OrleansFlow.Testing;

/// <summary>How the silos of a <see cref="ProcessCluster{TClient}"/> find each other.</summary>
public enum SiloMembership
{
    /// <summary>A redis-server of the cluster's own holds the membership (<c>--cluster redis://…</c>), as deployed;
    /// the silos start together.</summary>
    Redis,

    /// <summary>Localhost clustering: the first silo is the primary, the others are given its silo port
    /// (<c>--primary</c>); no Redis.</summary>
    Localhost,
}

/// <summary>What a client is given to connect: the cluster address (<c>redis://host:port</c>, or the gateways
/// <c>host:port,host:port</c>) and the cluster id.</summary>
public sealed record ClusterEndpoint(string Cluster, string ClusterId);

public sealed record ProcessClusterOptions
{
    /// <summary>The silo host executable (the path of <c>OrleansFlow.Silo.dll</c>, usually beside the test).</summary>
    public required string SiloExecutable { get; init; }

    /// <summary>How many silos start with the cluster.</summary>
    public int Silos { get; init; } = 1;

    /// <summary>Arguments every silo gets, e.g. <c>--slots 2 --memory 256m</c>.</summary>
    public IReadOnlyList<string> SiloArguments { get; init; } = [];

    /// <summary>Arguments for silo number i (from 0) in addition, e.g. a work folder of its own.</summary>
    public Func<int, IEnumerable<string>>? SiloArgumentsFor { get; init; }

    public SiloMembership Membership { get; init; } = SiloMembership.Redis;

    /// <summary>How long the client may take to see every silo active.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>See <see cref="ChildProcessOptions.KeptLines"/>: for silos that run long and log a lot.</summary>
    public int? KeptOutputLines { get; init; }
}

public static class ProcessCluster
{
    /// <summary>
    /// Starts the silos (and, with <see cref="SiloMembership.Redis"/>, their redis-server), connects a client with
    /// <paramref name="connect"/>, and waits until <paramref name="activeSilos"/> counts every silo. The fabric's
    /// client is the caller's: this project does not reference it.
    /// </summary>
    public static async Task<ProcessCluster<TClient>> StartAsync<TClient>(
        ProcessClusterOptions options, Func<ClusterEndpoint, Task<TClient>> connect, Func<TClient, Task<int>> activeSilos)
        where TClient : IAsyncDisposable
    {
        var clusterId = $"test-{Guid.NewGuid():N}";
        var redis = options.Membership == SiloMembership.Redis ? await RedisServer.StartAsync().ConfigureAwait(false) : null;
        var silos = new List<SiloProcess>();
        try
        {
            if (redis is not null)
            {
                silos.AddRange(await Task.WhenAll(Enumerable.Range(0, options.Silos).Select(i =>
                    SiloProcess.StartAsync(options.SiloExecutable, Arguments(options, i, ["--cluster", $"redis://{redis.Configuration}", "--cluster-id", clusterId]),
                        keptOutputLines: options.KeptOutputLines))).ConfigureAwait(false));
            }
            else if (options.Silos > 0)
            {
                var primaryPort = FreePorts.Next();
                silos.Add(await SiloProcess.StartAsync(options.SiloExecutable, Arguments(options, 0, ["--cluster-id", clusterId]), primaryPort,
                    options.KeptOutputLines).ConfigureAwait(false));
                silos.AddRange(await Task.WhenAll(Enumerable.Range(1, options.Silos - 1).Select(i =>
                    SiloProcess.StartAsync(options.SiloExecutable, Arguments(options, i, ["--cluster-id", clusterId, "--primary", $"127.0.0.1:{primaryPort}"]),
                        keptOutputLines: options.KeptOutputLines))).ConfigureAwait(false));
            }
            var endpoint = new ClusterEndpoint(
                redis is not null ? $"redis://{redis.Configuration}" : string.Join(',', silos.Select(s => s.Gateway)), clusterId);
            var client = await connect(endpoint).ConfigureAwait(false);
            var cluster = new ProcessCluster<TClient>(options, redis, silos, client, endpoint, connect, activeSilos);
            try
            {
                await cluster.WaitForSilosAsync().ConfigureAwait(false);
            }
            catch
            {
                await client.DisposeAsync().ConfigureAwait(false);
                throw;
            }
            return cluster;
        }
        catch
        {
            foreach (var silo in silos) await silo.DisposeAsync().ConfigureAwait(false);
            if (redis is not null) await redis.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static IEnumerable<string> Arguments(ProcessClusterOptions options, int silo, IEnumerable<string> membership) =>
        [.. membership, .. options.SiloArguments, .. options.SiloArgumentsFor?.Invoke(silo) ?? []];
}

/// <summary>
/// A real deployment in miniature: silo processes clustered (through a redis-server of their own, or by localhost
/// clustering) and a client that has seen every silo join. Disposing stops it all: client, silos, Redis.
/// </summary>
public sealed class ProcessCluster<TClient> : IAsyncDisposable where TClient : IAsyncDisposable
{
    private readonly ProcessClusterOptions _options;
    private readonly List<SiloProcess> _silos;
    private readonly Func<ClusterEndpoint, Task<TClient>> _connect;
    private readonly Func<TClient, Task<int>> _activeSilos;

    internal ProcessCluster(ProcessClusterOptions options, RedisServer? redis, List<SiloProcess> silos, TClient client, ClusterEndpoint endpoint,
        Func<ClusterEndpoint, Task<TClient>> connect, Func<TClient, Task<int>> activeSilos)
    {
        _options = options;
        Redis = redis;
        _silos = silos;
        Client = client;
        Endpoint = endpoint;
        _connect = connect;
        _activeSilos = activeSilos;
    }

    /// <summary>The cluster's redis-server (<see cref="SiloMembership.Redis"/> only).</summary>
    public RedisServer? Redis { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public TClient Client { get; }

    public ClusterEndpoint Endpoint { get; }

    public string ClusterId => Endpoint.ClusterId;

    /// <summary>A second, independent client of the same cluster.</summary>
    public Task<TClient> ConnectAnotherClientAsync() => _connect(Endpoint);

    /// <summary>Starts one more silo, with the same arguments as the others, and waits until the client sees it active.</summary>
    public async Task<SiloProcess> AddSiloAsync()
    {
        string[] membership = Redis is not null
            ? ["--cluster", $"redis://{Redis.Configuration}", "--cluster-id", ClusterId]
            : ["--cluster-id", ClusterId, "--primary", $"127.0.0.1:{_silos[0].SiloPort}"];
        var silo = await SiloProcess.StartAsync(_options.SiloExecutable, ProcessCluster.Arguments(_options, _silos.Count, membership),
            keptOutputLines: _options.KeptOutputLines).ConfigureAwait(false);
        _silos.Add(silo);
        await WaitForSilosAsync().ConfigureAwait(false);
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        foreach (var silo in _silos) await silo.DisposeAsync().ConfigureAwait(false);
        if (Redis is not null) await Redis.DisposeAsync().ConfigureAwait(false);
    }

    internal Task WaitForSilosAsync() =>
        Eventually.TrueAsync(async () => await _activeSilos(Client).ConfigureAwait(false) == _silos.Count, _options.JoinTimeout, $"{_silos.Count} silos active");
}
