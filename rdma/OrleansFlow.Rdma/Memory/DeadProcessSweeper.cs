using System.Globalization;

namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// Removes what tier processes on this host left behind when they died without shutting down (killed, crashed):
/// region files, whose names carry the owner's pid, and spill directories named by pid (the default layout). A pid
/// with no /proc entry is gone. A region file's pages stay in DRAM until it is deleted, so every new tier process
/// sweeps once at start. Anything whose pid is alive is left alone, even if the pid was reused by another program.
/// </summary>
internal static class DeadProcessSweeper
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

    /// <summary>When <paramref name="spillDirectory"/> is named by this process's pid (the default), removes sibling
    /// directories named by pids that no longer exist. Returns how many were removed.</summary>
    public static int SweepSpill(string spillDirectory)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(spillDirectory));
        if (!Directory.Exists("/proc/self") || parent is null || !Directory.Exists(parent) ||
            Path.GetFileName(spillDirectory) != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            return 0;
        var removed = 0;
        foreach (var directory in Directory.EnumerateDirectories(parent))
        {
            var name = Path.GetFileName(directory);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _) || Directory.Exists($"/proc/{name}"))
                continue;
            try
            {
                Directory.Delete(directory, recursive: true);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Swept by another process meanwhile, or not ours.
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
