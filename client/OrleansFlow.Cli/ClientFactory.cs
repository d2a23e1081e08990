using OrleansFlow.Client;

namespace OrleansFlow.Cli;

internal static class ClientFactory
{
    /// <summary>Connects as <c>--cluster</c> says: absent, an embedded silo starts in this process.</summary>
    public static Task<FlowClient> ConnectAsync(CliArguments args, CancellationToken cancellationToken) =>
        FlowClient.ConnectAsync(new FlowClientOptions
        {
            Cluster = args.Value("--cluster") ?? Environment.GetEnvironmentVariable("ORLEANSFLOW_CLUSTER"),
            ClusterId = args.Value("--cluster-id") ?? "orleansflow",
        }, cancellationToken);
}
