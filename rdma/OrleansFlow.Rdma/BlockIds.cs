using System.Security.Cryptography;

namespace OrleansFlow.Rdma;

/// <summary>Makes block ids unique across processes and restarts: a random per-instance prefix and a counter.
/// Ids are safe as file names and Redis keys.</summary>
internal sealed class BlockIds
{
    private readonly string _prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private long _next;

    public string Next() => $"{_prefix}-{Interlocked.Increment(ref _next):x}";

    /// <summary>Job ids become directory names and key prefixes, so they must not be able to climb out of them.</summary>
    public static void ThrowIfInvalidJobId(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        if (jobId.Length > 200)
            throw new ArgumentException($"Job id '{jobId[..40]}...' is {jobId.Length} characters long; block stores take at most 200.", nameof(jobId));
        if (jobId is "." or ".." || jobId.AsSpan().IndexOfAny(['/', '\\', '\0', ':', '*', '?']) >= 0)
            throw new ArgumentException($"Job id '{jobId}' cannot name a block directory: it must not be '.', '..' or contain / \\ : * ? or NUL.", nameof(jobId));
    }
}
