using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma;
using OrleansFlow.Rdma.Redis;

namespace OrleansFlow.Benchmarks.Tier;

/// <summary>
/// Read and write throughput of every transport and store beside an in-process memcpy of the same bytes, like
/// redis-benchmark for Redis. Runs in one process: an owner tier and a peer tier side by side, so that "shm" maps the
/// owner's region and "tcp" goes through the loopback data plane. Each case writes every block once untimed (so
/// memory is faulted in, as registered memory is), then times <see cref="TierBenchmarkOptions.Repetitions"/> write
/// passes and as many read passes, and reports the best of each. Block sizes below <see cref="LargestBatchedBlock"/>
/// are measured twice per store: one block per call, and <see cref="TierBenchmarkOptions.BatchBytes"/> worth of blocks
/// per call (<c>ReadManyAsync</c> / <c>WriteManyAsync</c>). "redis-raw" is Redis at its best (whole-value GET/SET,
/// pipelined, no key check), beside our Redis store.
/// </summary>
public static class TierBenchmark
{
    public static readonly IReadOnlyList<string> AllTargets = ["memcpy", "local", "shm", "tcp", "disk", "redis", "redis-raw"];

    /// <summary>Blocks of this size and above are not batched: one such transfer is already striped over parallel
    /// connections, so batching has no round trips left to save.</summary>
    public const int LargestBatchedBlock = 16 << 20;

    public static async Task<IReadOnlyList<TierBenchmarkResult>> RunAsync(TierBenchmarkOptions options, IProgress<TierBenchmarkResult>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Validate(options);
        var results = new List<TierBenchmarkResult>();
        try
        {
            // Size by size, every target in turn: on a shared machine the load drifts, and targets compared at one
            // block size should see the same load.
            foreach (var blockSize in options.BlockSizes)
            {
                foreach (var target in options.Targets)
                {
                    if (target.StartsWith("redis", StringComparison.Ordinal) && options.RedisConfiguration is null)
                        continue;
                    var result = target == "memcpy"
                        ? MeasureMemcpy(blockSize, options)
                        : await MeasureStoreAsync(target, blockSize, 1, options, cancellationToken).ConfigureAwait(false);
                    results.Add(result);
                    progress?.Report(result);
                    if (target == "memcpy" || options.BatchBytes == 0 || blockSize >= LargestBatchedBlock)
                        continue;
                    var batched = await MeasureStoreAsync(target, blockSize, BlocksPerBatch(blockSize, options), options, cancellationToken).ConfigureAwait(false);
                    results.Add(batched);
                    progress?.Report(batched);
                }
            }
        }
        finally
        {
            if (Directory.Exists(options.WorkDirectory))
                Directory.Delete(options.WorkDirectory, recursive: true);
        }
        return results;
    }

    /// <summary>A fixed-width table: one row per target and block size, with each target's share of memcpy.</summary>
    public static string FormatTable(IReadOnlyList<TierBenchmarkResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"target",-9} {"block",8} {"batch",5} {"write GB/s",11} {"read GB/s",10} {"write/memcpy",13} {"read/memcpy",12} {"load",5}");
        foreach (var r in results)
        {
            var memcpy = results.FirstOrDefault(m => m.Target == "memcpy" && m.BlockSize == r.BlockSize);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{r.Target,-9} {Size(r.BlockSize),8} {r.BlocksPerBatch,5} {r.WriteGBps,11:F2} {r.ReadGBps,10:F2} {Share(r.WriteGBps, memcpy?.WriteGBps),13} {Share(r.ReadGBps, memcpy?.ReadGBps),12} {r.LoadAverage,5:F1}");
        }
        return text.ToString();
    }

    private static string Share(double value, double? memcpy) => memcpy is > 0 ? $"{value / memcpy.Value:P0}" : "-";

    private static string Size(int bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";

    private static void Validate(TierBenchmarkOptions options)
    {
        var unknown = options.Targets.Except(AllTargets).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown benchmark target(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllTargets)}.", nameof(options));
        if (options.BlockSizes.Count == 0 || options.BlockSizes.Any(s => s <= 0))
            throw new ArgumentException("Benchmark block sizes must be positive.", nameof(options));
        if (options.TotalBytes < options.BlockSizes.Max())
            throw new ArgumentException($"Benchmark total ({options.TotalBytes} bytes) is smaller than the largest block ({options.BlockSizes.Max()} bytes).", nameof(options));
        if (options.Repetitions < 1)
            throw new ArgumentException($"Benchmark repetitions must be at least 1, got {options.Repetitions}.", nameof(options));
        if (options.BatchBytes < 0)
            throw new ArgumentException($"Benchmark bytes per batch must not be negative, got {options.BatchBytes}.", nameof(options));
        if (options.Concurrency < 1)
            throw new ArgumentException($"Benchmark concurrency must be at least 1, got {options.Concurrency}.", nameof(options));
    }

    private static unsafe TierBenchmarkResult MeasureMemcpy(int blockSize, TierBenchmarkOptions options)
    {
        var blocks = BlockCount(blockSize, options);
        var total = (long)blocks * blockSize;
        var arena = (byte*)NativeMemory.AlignedAlloc((nuint)total, 4096);
        try
        {
            var sources = Buffers(blockSize, options.Concurrency);
            void Write(int worker, int block) => sources[worker].CopyTo(new Span<byte>(arena + (long)block * blockSize, blockSize));
            void Read(int worker, int block) => new Span<byte>(arena + (long)block * blockSize, blockSize).CopyTo(sources[worker]);
            Run(blocks, options.Concurrency, Write);
            var write = Best(options, () => Time(() => Run(blocks, options.Concurrency, Write)));
            var read = Best(options, () => Time(() => Run(blocks, options.Concurrency, Read)));
            return new TierBenchmarkResult("memcpy", blockSize, total, options.Concurrency, total / write / 1e9, total / read / 1e9, 1, LoadAverage());
        }
        finally
        {
            NativeMemory.AlignedFree(arena);
        }
    }

    private static async Task<TierBenchmarkResult> MeasureStoreAsync(string target, int blockSize, int perBatch, TierBenchmarkOptions options,
        CancellationToken cancellationToken)
    {
        var blocks = BlockCount(blockSize, options);
        var total = (long)blocks * blockSize;
        var work = Path.Combine(options.WorkDirectory, target + "-" + blockSize.ToString(CultureInfo.InvariantCulture));
        var shared = target != "tcp";
        BlockStoreOptions Tier(string name) => new()
        {
            MemoryCapacityBytes = total + (64L << 20),
            EnableSharedMemory = shared,
            SpillDirectory = Path.Combine(work, name, "spill"),
            DiskDirectory = Path.Combine(work, "disk"),
            RedisConfiguration = options.RedisConfiguration,
        };
        using var owner = new TierNode(Tier("owner"));
        using var peer = new TierNode(Tier("peer"));
        using var redis = target == "redis" ? new RedisBlockStore(Tier("redis")) : null;
        using var rawRedis = target == "redis-raw" ? new RawRedisBlocks(options.RedisConfiguration!) : null;
        var (allocator, mover) = target switch
        {
            "local" => ((IBlockStore)owner.Store, (IBlockStore)owner.Store),
            "shm" or "tcp" => (owner.Store, peer.Store),
            "disk" => (owner.Disk, peer.Disk),
            "redis" => (redis!, redis!),
            _ => (rawRedis!, rawRedis!),
        };
        const string job = "tier-benchmark";
        var descriptors = new BlockDescriptor[blocks];
        for (var i = 0; i < blocks; i++)
            descriptors[i] = await allocator.AllocateAsync(job, 0xBE4C, blockSize, cancellationToken).ConfigureAwait(false);
        perBatch = Math.Clamp(perBatch, 1, Math.Max(1, blocks / options.Concurrency));
        var source = Buffers(blockSize, 1)[0];
        // Every block of a worker's batch needs a destination of its own; all hold the same bytes once read.
        var destinations = Buffers(blockSize, options.Concurrency * perBatch);
        var batches = (blocks + perBatch - 1) / perBatch;
        var reads = new BlockRead[options.Concurrency][];
        var writes = new BlockWrite[options.Concurrency][];

        Task Write(int worker, int batch)
        {
            if (perBatch == 1)
                return mover.WriteAsync(descriptors[batch], 0, source, cancellationToken).AsTask();
            var first = batch * perBatch;
            var list = writes[worker] = BatchArray(writes[worker], Math.Min(perBatch, blocks - first));
            for (var i = 0; i < list.Length; i++)
                list[i] = new BlockWrite(descriptors[first + i], 0, source);
            return mover.WriteManyAsync(list, cancellationToken).AsTask();
        }

        Task Read(int worker, int batch)
        {
            if (perBatch == 1)
                return mover.ReadAsync(descriptors[batch], 0, destinations[worker], cancellationToken).AsTask();
            var first = batch * perBatch;
            var list = reads[worker] = BatchArray(reads[worker], Math.Min(perBatch, blocks - first));
            for (var i = 0; i < list.Length; i++)
                list[i] = new BlockRead(descriptors[first + i], 0, destinations[worker * perBatch + i]);
            return mover.ReadManyAsync(list, cancellationToken).AsTask();
        }

        await RunAsync(batches, options.Concurrency, Write).ConfigureAwait(false);
        var write = await BestAsync(options, () => TimeAsync(() => RunAsync(batches, options.Concurrency, Write))).ConfigureAwait(false);
        var read = await BestAsync(options, () => TimeAsync(() => RunAsync(batches, options.Concurrency, Read))).ConfigureAwait(false);
        if (!destinations.All(b => b.AsSpan().SequenceEqual(source)))
            throw new InvalidOperationException($"The {target} benchmark read back bytes other than it wrote ({Size(blockSize)} blocks, {perBatch} per batch).");
        await allocator.FreeJobAsync(job, cancellationToken).ConfigureAwait(false);
        return new TierBenchmarkResult(target, blockSize, total, options.Concurrency, total / write / 1e9, total / read / 1e9, perBatch, LoadAverage());
    }

    /// <summary>The worker's batch array, reused while the batch size stays (only the last batch may be shorter).</summary>
    private static T[] BatchArray<T>(T[]? current, int count) => current is not null && current.Length == count ? current : new T[count];

    /// <summary>The machine's 1-minute load average (Linux), NaN where unknown: how busy the machine was, since every
    /// figure depends on it.</summary>
    public static double LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) && double.TryParse(File.ReadAllText(path).Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;
    }

    /// <summary>Blocks per call in the batched passes for this block size.</summary>
    public static int BlocksPerBatch(int blockSize, TierBenchmarkOptions options) => (int)Math.Clamp(options.BatchBytes / blockSize, 2, 4096);

    private static int BlockCount(int blockSize, TierBenchmarkOptions options) => (int)Math.Max(1, options.TotalBytes / blockSize);

    /// <summary>One buffer per worker, all with the same random bytes, so every read can be checked.</summary>
    private static byte[][] Buffers(int blockSize, int count)
    {
        var first = new byte[blockSize];
        new Random(blockSize).NextBytes(first);
        return Enumerable.Range(0, count).Select(_ => first.ToArray()).ToArray();
    }

    private static void Run(int blocks, int workers, Action<int, int> transfer)
    {
        var next = -1;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            for (var block = Interlocked.Increment(ref next); block < blocks; block = Interlocked.Increment(ref next))
                transfer(worker, block);
        });
    }

    private static Task RunAsync(int blocks, int workers, Func<int, int, Task> transfer)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            for (var block = Interlocked.Increment(ref next); block < blocks; block = Interlocked.Increment(ref next))
                await transfer(worker, block).ConfigureAwait(false);
        })));
    }

    private static double Best(TierBenchmarkOptions options, Func<double> measure) =>
        Enumerable.Range(0, options.Repetitions).Min(_ => measure());

    private static async Task<double> BestAsync(TierBenchmarkOptions options, Func<Task<double>> measure)
    {
        var best = double.MaxValue;
        for (var i = 0; i < options.Repetitions; i++)
            best = Math.Min(best, await measure().ConfigureAwait(false));
        return best;
    }

    private static double Time(Action run)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> TimeAsync(Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        await run().ConfigureAwait(false);
        return clock.Elapsed.TotalSeconds;
    }
}
