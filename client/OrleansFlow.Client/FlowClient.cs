using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions;
using OrleansFlow.Engine;
using StackExchange.Redis;

namespace OrleansFlow.Client;

/// <summary>
/// The way into the fabric: connects to a cluster and submits, watches, cancels and lists jobs. It carries no server:
/// to run the fabric inside this process, use <c>EmbeddedFlow.ConnectAsync</c> from OrleansFlow.Client.Embedded.
/// </summary>
public sealed class FlowClient : IAsyncDisposable
{
    private readonly IHost? _ownedHost;

    private FlowClient(IClusterClient client, IHost? ownedHost, ClusterAddress cluster)
    {
        _ownedHost = ownedHost;
        Cluster = cluster;
        Orleans = client;
    }

    /// <summary>Uses an Orleans client the caller already has (and keeps owning): for applications that host their
    /// own client or silo. Its streams must include <see cref="FlowNames.StreamProvider"/>.</summary>
    public static FlowClient FromClusterClient(IClusterClient client) => new(client, null, ClusterAddress.Embedded);

    /// <summary>The Orleans client, for callers who need grains directly.</summary>
    public IClusterClient Orleans { get; }

    public ClusterAddress Cluster { get; }

    public bool IsEmbedded => Cluster.Kind == ClusterAddressKind.Embedded;

    /// <summary>Connects to the cluster <see cref="FlowClientOptions.Cluster"/> names. An address that does not
    /// answer at all (Redis or every gateway refusing, or silent for 2 s) fails at once, naming it.</summary>
    public static async Task<FlowClient> ConnectAsync(FlowClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FlowClientOptions();
        var cluster = ClusterAddress.Parse(options.Cluster);
        if (cluster.Kind == ClusterAddressKind.Embedded)
            throw new FlowConnectionException(
                "no cluster named: give redis://HOST:PORT or HOST:PORT (or set ORLEANSFLOW_CLUSTER); EmbeddedFlow.ConnectAsync runs a silo in this process instead");
        await ClusterProbe.EnsureReachableAsync(cluster, options.ConnectTimeout, cancellationToken);
        var builder = CreateHostBuilder(options);
        ConfigureClient(builder, options, cluster);
        return await StartAsync(builder, cluster, cancellationToken);
    }

    /// <summary>A host builder with the client's logging: for hosts that add their own Orleans client or silo
    /// (OrleansFlow.Client.Embedded) and then call <see cref="StartAsync"/>.</summary>
    public static HostApplicationBuilder CreateHostBuilder(FlowClientOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, ApplicationOwnedLifetime>();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft", LogLevel.Error);
        // Polly logs every retry of a call it then wins (with the exception's stack trace, while a silo joins or
        // leaves); a call that fails for good reaches the caller as an exception, so these lines only alarm.
        builder.Logging.AddFilter("Polly", LogLevel.None);
        // The watchdog's "Participant check thread has not completed" fires once while a busy machine starts the
        // embedded silo: a false alarm about start-up, not about the silo's health.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.None);
        // The in-memory stream queue's receiver logs the cancellation of its last pull as an error when an embedded
        // silo stops right after a job: noise on the CLI's one-line errors, never a failure of a job.
        builder.Logging.AddFilter("Orleans.Providers.MemoryAdapterReceiver", LogLevel.None);
        // The same cancelled pull, logged once more by the embedded silo's pulling agent of the progress stream
        // (event 103312, "Exception while retrying the 0th time reading from queue"; CI caught it around a CLI error).
        builder.Logging.AddFilter($"Orleans.Streams.{FlowNames.StreamProvider}", LogLevel.None);
        // Start-up failures are reported by StartAsync itself, in one line.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        return builder;
    }

    /// <summary>Builds and starts the host, and returns a client that owns it (stopping it on dispose).</summary>
    public static async Task<FlowClient> StartAsync(HostApplicationBuilder builder, ClusterAddress cluster, CancellationToken cancellationToken = default)
    {
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new FlowConnectionException(cluster.Kind == ClusterAddressKind.Embedded
                ? $"the embedded silo could not start: {FirstLine(e.Message)}"
                : $"could not connect to the cluster at {cluster}: {FirstLine(e.Message)}", e);
        }
        return new FlowClient(host.Services.GetRequiredService<IClusterClient>(), host, cluster);
    }

    /// <summary>Orleans' start-up errors may run over several lines; callers print one.</summary>
    private static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd('\r');

    /// <summary>Submits a job of any kind: <c>SubmitAsync(new SortArgs { ... })</c>. The arguments are checked here,
    /// so a bad value fails before anything reaches the cluster.</summary>
    public Task<JobHandle> SubmitAsync(JobArgs args, SubmitOptions? options = null)
    {
        args.Validate();
        options ??= new SubmitOptions();
        var spec = new JobSpec { Name = options.Name ?? args.Kind, Args = args, MaxTaskAttempts = options.MaxTaskAttempts };
        return SubmitAsync(spec, options.JobId);
    }

    /// <summary>Submits a job. The job id defaults to one made from the job's name and the time.</summary>
    public async Task<JobHandle> SubmitAsync(JobSpec spec, string? jobId = null)
    {
        jobId ??= NewJobId(spec.Name);
        await Orleans.GetGrain<IJobGrain>(jobId).Submit(spec);
        return new JobHandle(Orleans, jobId);
    }

    /// <summary>Submits a MapReduce program. A program outside the engine is shipped with the job: its assembly
    /// (and <paramref name="extraAssemblies"/>) are uploaded, and each silo loads them for this job only.</summary>
    public async Task<JobHandle> SubmitMapReduceAsync(Type programType, MapReduceSubmission submission, IEnumerable<Assembly>? extraAssemblies = null)
    {
        string? codeId = null;
        if (programType.Assembly != typeof(EngineAssembly).Assembly)
            codeId = await UploadCodeAsync([programType.Assembly, .. extraAssemblies ?? []]);
        var args = new MapReduceArgs
        {
            Inputs = submission.Inputs.Select(Path.GetFullPath).ToList(),
            OutputDirectory = submission.OutputDirectory is null ? null : Path.GetFullPath(submission.OutputDirectory),
            Reducers = submission.Reducers,
            Shuffle = submission.Shuffle,
            ProgramType = programType.FullName ?? throw new ArgumentException($"{programType} has no full name"),
            CodeId = codeId,
            SplitSizeBytes = submission.SplitSizeBytes,
        };
        return await SubmitAsync(args, new SubmitOptions
        {
            Name = submission.Name ?? programType.Name, JobId = submission.JobId, MaxTaskAttempts = submission.MaxTaskAttempts,
        });
    }

    public Task<JobHandle> SubmitMapReduceAsync<TProgram>(MapReduceSubmission submission) =>
        SubmitMapReduceAsync(typeof(TProgram), submission);

    public JobHandle GetJob(string jobId) => new(Orleans, jobId);

    public Task<IReadOnlyList<JobSummary>> ListJobsAsync(int max = 100) => Orleans.GetGrain<IJobCatalogGrain>(0).List(max);

    /// <summary>Every live silo with what it has run and holds.</summary>
    public async Task<IReadOnlyList<SiloStats>> GetClusterAsync()
    {
        var hosts = await Orleans.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var stats = await Task.WhenAll(hosts.Keys.Select(s => Orleans.GetGrain<IExecutorGrain>(s.ToParsableString()).GetStats()));
        return stats.OrderBy(s => s.Silo, StringComparer.Ordinal).ToList();
    }

    /// <summary>Drains a silo (<see cref="SiloStats.Silo"/>): it takes no new tasks, lets its running ones finish, moves
    /// its memory-tier blocks to the other silos, and then stops its process. Returns what the drain did.</summary>
    public Task<SiloDrainSummary> DrainAsync(string silo) => Orleans.GetGrain<IExecutorGrain>(silo).Drain();

    public async ValueTask DisposeAsync()
    {
        if (_ownedHost is null)
            return;
        try
        {
            await _ownedHost.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _ownedHost.Dispose();
        }
    }

    private async Task<string> UploadCodeAsync(IReadOnlyList<Assembly> assemblies)
    {
        var images = new List<CodeAssembly>();
        foreach (var assembly in assemblies.Distinct())
        {
            if (string.IsNullOrEmpty(assembly.Location))
                throw new InvalidOperationException($"Assembly {assembly.GetName().Name} has no file to upload (was it loaded from bytes?).");
            images.Add(new CodeAssembly(assembly.GetName().Name!, await File.ReadAllBytesAsync(assembly.Location)));
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var image in images)
            hash.AppendData(image.Image);
        var codeId = Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
        await Orleans.GetGrain<ICodeGrain>(codeId).Upload(new CodePackage(images));
        return codeId;
    }

    private static string NewJobId(string name)
    {
        var clean = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        if (clean.Length == 0) clean = "job";
        return $"{clean}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
    }

    /// <summary>Redis as the address says, but connecting within the client's connect timeout: StackExchange.Redis
    /// would otherwise take 5 s per attempt, several times over, whatever the caller asked for.</summary>
    private static ConfigurationOptions RedisOptions(string configuration, TimeSpan connectTimeout)
    {
        var redis = ConfigurationOptions.Parse(configuration);
        if (!configuration.Contains("connectTimeout=", StringComparison.OrdinalIgnoreCase))
            redis.ConnectTimeout = (int)Math.Clamp(connectTimeout.TotalMilliseconds, 100, redis.ConnectTimeout);
        return redis;
    }

    private static void ConfigureClient(HostApplicationBuilder builder, FlowClientOptions options, ClusterAddress cluster)
    {
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ClusterId;
            });
            if (cluster.Kind == ClusterAddressKind.Redis)
                client.UseRedisClustering(o => o.ConfigurationOptions = RedisOptions(cluster.RedisConfiguration!, options.ConnectTimeout));
            else
                client.UseStaticClustering(cluster.Gateways.ToArray());
            client.AddMemoryStreams(FlowNames.StreamProvider);
            client.AddActivityPropagation();
            var giveUpAt = DateTime.UtcNow + options.ConnectTimeout;
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                if (DateTime.UtcNow >= giveUpAt) return false;
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                return true;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10));
        });
    }
}

/// <summary>The client could not reach the fabric (no silo at the address, or the embedded silo failed to start).</summary>
public sealed class FlowConnectionException(string message, Exception? inner = null) : Exception(message, inner);
