using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Cli;

/// <summary>A job ended without success; the message is the job's error. Exit code 1.</summary>
internal sealed class JobFailedException(JobInfo info) : Exception(
    info.Status == JobStatus.Cancelled ? $"job {info.JobId} was {info.Error ?? "cancelled"}" : $"job {info.JobId} failed: {info.Error}");

/// <summary>The user pressed Ctrl+C and the job stopped: exit code 130, as a shell reports a command ended by SIGINT.</summary>
internal sealed class JobInterruptedException(JobInfo info) : Exception($"job {info.JobId} cancelled (Ctrl+C)")
{
    public const int ExitCode = 130;
}
