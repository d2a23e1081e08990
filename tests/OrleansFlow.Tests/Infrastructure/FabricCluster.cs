using OrleansFlow.Client;

namespace OrleansFlow.Tests.Infrastructure;

/// <summary>
/// <see cref="ProcessCluster"/> with the fabric's client: a redis-server of its own, silo processes (the
/// <c>OrleansFlow.Silo</c> built beside the tests) clustered through it, and a <see cref="FlowClient"/> that has seen
/// every silo join.
/// </summary>
public static class FabricCluster
{
    public static string SiloExecutable => Path.Combine(AppContext.BaseDirectory, "OrleansFlow.Silo.dll");

    /// <summary><paramref name="silos"/> silos, each with <paramref name="siloArguments"/> and the work folder <paramref name="workDirectory"/>.</summary>
    public static Task<ProcessCluster<FlowClient>> StartAsync(int silos, string workDirectory, params string[] siloArguments) =>
        StartAsync(new ProcessClusterOptions { SiloExecutable = SiloExecutable, Silos = silos, SiloArguments = [.. siloArguments, "--work-dir", workDirectory] });

    public static Task<ProcessCluster<FlowClient>> StartAsync(ProcessClusterOptions options) =>
        ProcessCluster.StartAsync(options,
            endpoint => FlowClient.ConnectAsync(new FlowClientOptions { Cluster = endpoint.Cluster, ClusterId = endpoint.ClusterId }),
            async client => (await client.GetClusterAsync()).Count);
}
