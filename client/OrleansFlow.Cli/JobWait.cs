using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Cli.Json;
using OrleansFlow.Client;

namespace OrleansFlow.Cli;

/// <summary>What every command that runs a job does once it is submitted: wait for it (Ctrl+C cancels it), or with
/// <c>--detach</c> print its id and return.</summary>
internal static class JobWait
{
    /// <summary>
    /// Submits with <paramref name="submit"/> and, unless detached, waits with <paramref name="wait"/> (a progress
    /// view, or the command's own watcher). Returns the job and, when waited for, the result of a job that
    /// succeeded. A job cancelled by Ctrl+C is <see cref="JobInterruptedException"/>; any other end is
    /// <see cref="JobFailedException"/>.
    /// </summary>
    public static async Task<(JobHandle Job, JobResult? Result)> RunAsync(
        CommonSettings args, Func<Task<JobHandle>> submit, Func<JobHandle, CancellationToken, Task<JobResult>> wait, CancellationToken cancellationToken)
    {
        // Listening for Ctrl+C before the submission: the job may be running before its handle gets here.
        using var interrupt = new CancelJobOnInterrupt(Console.Error);
        var job = await submit();
        interrupt.Attach(job);
        if (args.Detach)
            return (job, null);
        var result = await wait(job, cancellationToken);
        return result.Info.Status switch
        {
            JobStatus.Succeeded => (job, result),
            JobStatus.Cancelled when interrupt.Interrupted => throw new JobInterruptedException(result.Info),
            _ => throw new JobFailedException(result.Info),
        };
    }

    /// <summary><c>--detach</c>: the job id on stdout (or <c>{"jobId": ...}</c>), and how to follow it on stderr.</summary>
    public static int PrintDetached(JobHandle job, CommonSettings args, string? outputDirectory = null)
    {
        if (args.Json)
            ConsoleOutput.WriteJson(new DetachedJson(job.JobId, outputDirectory));
        else
            Console.Out.WriteLine(job.JobId);
        if (!args.Quiet)
        {
            Console.Error.WriteLine($"{job.JobId}: submitted; follow it with 'orleansflow job {job.JobId}', stop it with 'orleansflow cancel {job.JobId}'" +
                (outputDirectory is null ? "" : $"; its output goes to {outputDirectory}"));
        }
        return 0;
    }
}
