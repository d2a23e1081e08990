using System.Runtime.InteropServices;
using OrleansFlow.Client;

namespace OrleansFlow.Cli;

/// <summary>
/// While a command submits and waits for its job, Ctrl+C (SIGINT) cancels the job instead of ending the process: the
/// process would leave the job running on the cluster (or, embedded, stop the silo under it without freeing its
/// blocks). The command keeps waiting until the job has stopped. A second Ctrl+C ends the process at once.
/// Create it before submitting: a Ctrl+C that comes while the submission is on its way (the job may already run)
/// cancels the job as soon as <see cref="Attach"/> names it.
/// </summary>
internal sealed class CancelJobOnInterrupt : IDisposable
{
    private readonly PosixSignalRegistration _registration;
    private readonly TextWriter _error;
    private readonly object _gate = new();
    private JobHandle? _job;
    private int _signals;

    public CancelJobOnInterrupt(TextWriter error)
    {
        _error = error;
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            if (Interlocked.Increment(ref _signals) > 1)
                return; // the default: the process ends
            context.Cancel = true;
            JobHandle? job;
            lock (_gate) job = _job;
            if (job is not null)
                Cancel(job);
            else
                _error.WriteLine("cancelling the job once it is submitted (Ctrl+C again to quit without waiting)...");
        });
    }

    /// <summary>True once Ctrl+C was pressed.</summary>
    public bool Interrupted => Volatile.Read(ref _signals) > 0;

    /// <summary>The job just submitted: cancelled now if Ctrl+C came first.</summary>
    public void Attach(JobHandle job)
    {
        lock (_gate) _job = job;
        if (Interrupted)
            Cancel(job);
    }

    public void Dispose() => _registration.Dispose();

    private void Cancel(JobHandle job)
    {
        _error.WriteLine($"{job.JobId}: cancelling (Ctrl+C again to quit without waiting)...");
        _ = CancelAsync(job);
    }

    private async Task CancelAsync(JobHandle job)
    {
        try
        {
            await job.CancelAsync("interrupted (Ctrl+C)");
        }
        catch (Exception e)
        {
            // The wait goes on; it reports how the job ended.
            _error.WriteLine($"{job.JobId}: could not cancel: {e.Message}");
        }
    }
}
