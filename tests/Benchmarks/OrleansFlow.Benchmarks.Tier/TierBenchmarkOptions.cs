namespace OrleansFlow.Benchmarks.Tier;

/// <summary>What <see cref="TierBenchmark"/> measures.</summary>
public sealed class TierBenchmarkOptions
{
    /// <summary>Block sizes to measure, each for every target.</summary>
    public IReadOnlyList<int> BlockSizes { get; set; } = [64 << 10, 1 << 20, 16 << 20];

    /// <summary>Bytes moved per target and block size, in each direction.</summary>
    public long TotalBytes { get; set; } = 256L << 20;

    /// <summary>Transfers in flight at once (the same for every target, memcpy included).</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>Bytes per batch (<c>ReadManyAsync</c> / <c>WriteManyAsync</c>) in the batched passes, which run for
    /// every store and block size below <see cref="TierBenchmark.LargestBatchedBlock"/> beside the one-block-per-call
    /// passes: <c>BatchBytes / block size</c> blocks per call (at least 2), and each of the <see cref="Concurrency"/>
    /// workers has one batch in flight. A reader batches by the memory it can give its destinations, hence bytes,
    /// not a block count. 0 leaves the batched passes out.</summary>
    public long BatchBytes { get; set; } = 4L << 20;

    /// <summary>Timed passes per direction; the best is reported, since on a shared machine every disturbance only
    /// slows a pass down.</summary>
    public int Repetitions { get; set; } = 3;

    /// <summary>Targets to run, from "memcpy", "local", "shm", "tcp", "disk", "redis", "redis-raw".</summary>
    public IReadOnlyList<string> Targets { get; set; } = TierBenchmark.AllTargets;

    /// <summary>Redis server for the "redis" target; null skips it.</summary>
    public string? RedisConfiguration { get; set; }

    /// <summary>Scratch directory for spill and disk blocks; removed afterwards.</summary>
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "orleansflow", "bench", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>One measured target and block size: throughput in GB/s (10^9 bytes per second) each way, with
/// <paramref name="BlocksPerBatch"/> blocks per call (1: one <c>ReadAsync</c>/<c>WriteAsync</c> per block), and the
/// machine's 1-minute load average when it was measured.</summary>
public sealed record TierBenchmarkResult(string Target, int BlockSize, long Bytes, int Concurrency, double WriteGBps, double ReadGBps,
    int BlocksPerBatch = 1, double LoadAverage = double.NaN);
