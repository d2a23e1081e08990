using System.Diagnostics;

namespace OrleansFlow.Sql.Benchmarks;

/// <summary>Wall-clock median/min/max, and the median CPU time of this process (all threads) per run.</summary>
public readonly record struct Measurement(double MedianMs, double MinMs, double MaxMs, double CpuMs, long Rows);

public static class Timing
{
    /// <summary>One untimed warm-up run (JIT, file cache), then the median of <paramref name="repetitions"/> runs.</summary>
    public static Measurement Median(Func<long> run, int repetitions)
    {
        long rows = run();
        var times = new double[repetitions];
        var cpu = new double[repetitions];
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < repetitions; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            rows = run();
            times[i] = stopwatch.Elapsed.TotalMilliseconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        }
        Array.Sort(times);
        Array.Sort(cpu);
        return new Measurement(times[repetitions / 2], times[0], times[^1], cpu[repetitions / 2], rows);
    }
}
