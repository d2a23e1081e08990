namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// Which host this process runs on, for choosing the shared-memory transport. An IP address cannot say it (two hosts
/// may both advertise 127.0.0.1, one host many addresses), and a file that exists here may be another host's on a
/// shared file system, so the tier compares this instead: the kernel's boot id plus the network namespace, so that
/// two network namespaces on one machine (containers, or the multi-host tests) count as two hosts.
/// </summary>
public static class HostIdentity
{
    private static readonly Lazy<string> CurrentValue = new(Read);

    /// <summary>This process's host, in characters that fit a descriptor location ([0-9a-zA-Z.-], no ':').</summary>
    public static string Current => CurrentValue.Value;

    private static string Read()
    {
        string? boot = null;
        string? net = null;
        try
        {
            boot = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
            // "net:[4026531840]": the inode names the namespace.
            net = new FileInfo("/proc/self/ns/net").LinkTarget?.Replace("net:[", "", StringComparison.Ordinal).TrimEnd(']');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or /proc hidden: the machine name below.
        }
        var identity = boot is null ? Environment.MachineName : net is null ? boot : $"{boot}.{net}";
        return new string([.. identity.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]);
    }
}
