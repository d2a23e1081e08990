using System.Diagnostics;

namespace OrleansFlow.Sql.Benchmarks;

public readonly record struct Measurement(double MedianMs, double MinMs, double MaxMs, long Rows);

public static class Timing
{
    /// <summary>One untimed warm-up run (JIT, file cache), then the median of <paramref name="repetitions"/> runs.</summary>
    public static Measurement Median(Func<long> run, int repetitions)
    {
        long rows = run();
        var times = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            rows = run();
            times[i] = stopwatch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return new Measurement(times[repetitions / 2], times[0], times[^1], rows);
    }
}
