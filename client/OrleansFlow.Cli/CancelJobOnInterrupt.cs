using System.Runtime.InteropServices;
using OrleansFlow.Client;

namespace OrleansFlow.Cli;

/// <summary>
/// While a command waits for its job, Ctrl+C (SIGINT) cancels the job instead of ending the process: the process
/// would leave the job running on the cluster (or, embedded, stop the silo under it without freeing its blocks).
/// The command keeps waiting until the job has stopped. A second Ctrl+C ends the process at once.
/// </summary>
internal sealed class CancelJobOnInterrupt : IDisposable
{
    private readonly PosixSignalRegistration _registration;
    private int _signals;

    public CancelJobOnInterrupt(JobHandle job, TextWriter error)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            if (Interlocked.Increment(ref _signals) > 1)
                return; // the default: the process ends
            context.Cancel = true;
            error.WriteLine($"{job.JobId}: cancelling (Ctrl+C again to quit without waiting)...");
            _ = CancelAsync(job, error);
        });
    }

    /// <summary>True once Ctrl+C was pressed.</summary>
    public bool Interrupted => Volatile.Read(ref _signals) > 0;

    public void Dispose() => _registration.Dispose();

    private static async Task CancelAsync(JobHandle job, TextWriter error)
    {
        try
        {
            await job.CancelAsync("interrupted (Ctrl+C)");
        }
        catch (Exception e)
        {
            // The wait goes on; it reports how the job ended.
            error.WriteLine($"{job.JobId}: could not cancel: {e.Message}");
        }
    }
}
