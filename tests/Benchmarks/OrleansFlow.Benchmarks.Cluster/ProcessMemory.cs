namespace OrleansFlow.Benchmarks.Cluster;

/// <summary>Peak resident set size of a process, as Linux reports it.</summary>
public static class ProcessMemory
{
    /// <summary>VmHWM of <paramref name="pid"/> in MiB; 0 where /proc does not tell (another OS, process gone).</summary>
    public static long PeakRssMebibytes(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return 0;
        try
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
        catch (IOException)
        {
            return 0; // the process ended while we read
        }
    }

    public static long CurrentProcessPeakRssMebibytes() => PeakRssMebibytes(Environment.ProcessId);
}
