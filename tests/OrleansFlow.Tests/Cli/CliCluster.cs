using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Cli;

/// <summary>
/// One silo process behind a redis-server, shared by the CLI tests that need a cluster of their own (their jobs,
/// the job list, Ctrl+C); they run one after another, so the only jobs on it are theirs, one at a time.
/// </summary>
public sealed class CliCluster : IAsyncLifetime
{
    private readonly TempFolder _work = new();
    private ProcessCluster<FlowClient>? _cluster;

    public FlowClient Client => Cluster.Client;

    private ProcessCluster<FlowClient> Cluster => _cluster ?? throw new InvalidOperationException("the cluster has not started");

    /// <summary>What the CLI is given to reach it.</summary>
    public string[] Args => ["--cluster", Cluster.Endpoint.Cluster, "--cluster-id", Cluster.ClusterId];

    public async Task InitializeAsync() =>
        _cluster = await FabricCluster.StartAsync(1, Path.Combine(_work.Path, "work"), "--slots", "2", "--memory", "256m");

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        _work.Dispose();
    }

    /// <summary>The ids of the jobs the cluster knows now.</summary>
    public async Task<HashSet<string>> JobIdsAsync() => (await Client.ListJobsAsync(1000)).Select(j => j.JobId).ToHashSet();

    /// <summary>Waits until a job not in <paramref name="before"/> is running, and returns its id.</summary>
    public async Task<string> WaitForNewRunningJobAsync(HashSet<string> before, ChildProcess cli)
    {
        string? id = null;
        await Eventually.TrueAsync(async () =>
        {
            if (cli.HasExited) throw new InvalidOperationException($"the CLI exited before its job ran:\n{cli.Output}");
            id = (await Client.ListJobsAsync(1000)).FirstOrDefault(j => !before.Contains(j.JobId) && j.Status == JobStatus.Running)?.JobId;
            return id is not null;
        }, TimeSpan.FromSeconds(90), "the CLI's job running");
        return id!;
    }
}

[CollectionDefinition(Name)]
public sealed class CliClusterCollection : ICollectionFixture<CliCluster>
{
    public const string Name = "CLI against a cluster";
}
