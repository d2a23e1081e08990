using System.Runtime.InteropServices;

namespace OrleansFlow.Fabric.Execution;

/// <summary>CPU time the calling thread has used (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, 1 ns units).
/// Where the clock is missing it reads zero, and bills show no CPU rather than a wrong figure.</summary>
public static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;
    private static readonly bool Available = Probe();

    /// <summary>Nanoseconds of CPU this thread has used since it started.</summary>
    public static long Nanoseconds()
    {
        if (!Available || clock_gettime(ClockThreadCpuTimeId, out var now) != 0)
            return 0;
        return now.Seconds * 1_000_000_000 + now.Nanoseconds;
    }

    private static bool Probe()
    {
        try
        {
            return OperatingSystem.IsLinux() && clock_gettime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clockId, out TimeSpec time);
}
