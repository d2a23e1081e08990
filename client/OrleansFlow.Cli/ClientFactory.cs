using OrleansFlow.Client;

namespace OrleansFlow.Cli;

internal static class ClientFactory
{
    /// <summary>Connects as <c>--cluster</c> says (its default is ORLEANSFLOW_CLUSTER): absent, an embedded silo starts in this process.</summary>
    public static Task<FlowClient> ConnectAsync(CommonSettings args, CancellationToken cancellationToken) =>
        EmbeddedFlow.ConnectAsync(new FlowClientOptions
        {
            Cluster = args.Cluster,
            ClusterId = args.ClusterId,
            ConnectTimeout = ConnectTimeout(),
        }, cancellationToken: cancellationToken);

    /// <summary>
    /// ORLEANSFLOW_CONNECT_TIMEOUT (seconds) bounds how long the CLI tries to reach a cluster; default 2. A person at
    /// a prompt wants to hear within a moment that nothing answers (a script that starts silos first may wait longer).
    /// </summary>
    private static TimeSpan ConnectTimeout() =>
        double.TryParse(Environment.GetEnvironmentVariable("ORLEANSFLOW_CONNECT_TIMEOUT"), System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromSeconds(2);
}
