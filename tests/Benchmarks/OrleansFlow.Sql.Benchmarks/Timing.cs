using System.Diagnostics;

namespace OrleansFlow.Sql.Benchmarks;

/// <summary>Wall-clock median/min/max, and the median CPU time per run of the processes that answered (all threads).</summary>
public readonly record struct Measurement(double MedianMs, double MinMs, double MaxMs, double CpuMs, long Rows);

public static class Timing
{
    /// <summary>Untimed warm-up runs (JIT, file cache), then the median of <paramref name="repetitions"/> runs.</summary>
    public static Measurement Median(Func<long> run, Func<TimeSpan> cpuTime, int warmups, int repetitions)
    {
        long rows = 0;
        for (int i = 0; i < warmups; i++) rows = run();
        var times = new double[repetitions];
        var cpu = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
        {
            var cpuBefore = cpuTime();
            var stopwatch = Stopwatch.StartNew();
            rows = run();
            times[i] = stopwatch.Elapsed.TotalMilliseconds;
            cpu[i] = (cpuTime() - cpuBefore).TotalMilliseconds;
        }
        Array.Sort(times);
        Array.Sort(cpu);
        return new Measurement(times[repetitions / 2], times[0], times[^1], cpu[repetitions / 2], rows);
    }
}
