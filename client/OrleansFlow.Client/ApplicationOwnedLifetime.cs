using Microsoft.Extensions.Hosting;

namespace OrleansFlow.Client;

/// <summary>
/// The lifetime of the host behind a <see cref="FlowClient"/> (its Orleans client, or an embedded silo): started and
/// stopped by the FlowClient, never by the process's signals. The host's default, ConsoleLifetime, takes SIGINT and
/// SIGTERM for itself (it swallows Ctrl+C and starts stopping the client), but the host lives inside someone's
/// application, which decides what Ctrl+C means: the CLI cancels the job it waits for, then exits.
/// </summary>
internal sealed class ApplicationOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
