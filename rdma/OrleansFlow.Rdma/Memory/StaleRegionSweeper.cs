using System.Globalization;

namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// Removes region files left behind by tier processes on this host that died without shutting down (killed, crashed):
/// their names carry the owner's pid, and a pid with no /proc entry is gone. The pages of such a file stay in DRAM
/// until it is deleted, so every new tier process sweeps once at start. A file whose pid is alive is left alone,
/// even if the pid was reused by another program.
/// </summary>
internal static class StaleRegionSweeper
{
    public const string FilePrefix = "orleansflow-tier-";
    public const string FileSuffix = ".region";

    /// <summary>Returns how many stale region files were removed.</summary>
    public static int Sweep(string directory)
    {
        if (!Directory.Exists("/proc/self") || !Directory.Exists(directory))
            return 0; // without procfs liveness cannot be told, so nothing is removed
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(directory, FilePrefix + "*" + FileSuffix))
        {
            if (OwnerPid(Path.GetFileName(path)) is not { } pid || Directory.Exists($"/proc/{pid}"))
                continue;
            try
            {
                File.Delete(path);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process swept it first, or it belongs to another user: not ours to remove.
            }
        }
        return removed;
    }

    private static int? OwnerPid(string fileName)
    {
        var rest = fileName.AsSpan(FilePrefix.Length);
        var dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }
}
