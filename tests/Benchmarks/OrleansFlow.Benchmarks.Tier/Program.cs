// orleansflow tier benchmark: read/write GB/s of every memory-tier transport and shuffle store beside memcpy.
//   dotnet run -c Release --project tests/Benchmarks/OrleansFlow.Benchmarks.Tier -- [--block-size 64K,1M,16M]
//       [--total 256M] [--concurrency 2] [--batch 4M] [--repetitions 3] [--targets memcpy,local,shm,tcp,disk,redis,redis-raw]
//       [--redis host:port] [--json]
using System.Text.Json;
using OrleansFlow.Benchmarks.Tier;
using OrleansFlow.Testing;

var options = new TierBenchmarkOptions();
var json = false;
string? redis = null;
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--block-size":
            var option = args[i];
            options.BlockSizes = Value().Split(',').Select(s => checked((int)SizeParser.Parse(s, option))).ToList();
            break;
        case "--total":
            options.TotalBytes = SizeParser.Parse(Value(), "--total");
            break;
        case "--concurrency":
            options.Concurrency = int.Parse(Value());
            break;
        case "--batch":
            options.BatchBytes = SizeParser.Parse(Value(), "--batch");
            break;
        case "--repetitions":
            options.Repetitions = int.Parse(Value());
            break;
        case "--targets":
            options.Targets = Value().Split(',');
            break;
        case "--redis":
            redis = Value();
            break;
        case "--json":
            json = true;
            break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}. Options: --block-size LIST --total SIZE --concurrency N --batch SIZE --repetitions N --targets LIST --redis HOST:PORT --json");
            return 2;
    }
}

using var privateRedis = redis is null && options.Targets.Any(t => t.StartsWith("redis", StringComparison.Ordinal)) ? TryStartRedis() : null;
options.RedisConfiguration = redis ?? privateRedis?.Configuration;
var loadAtStart = TierBenchmark.LoadAverage();
var progress = new Progress<TierBenchmarkResult>(r => Console.Error.WriteLine($"  {r.Target} {r.BlockSize} bytes: write {r.WriteGBps:F2} GB/s, read {r.ReadGBps:F2} GB/s"));
var results = await TierBenchmark.RunAsync(options, progress);
Console.WriteLine(json
    ? JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals })
    : $"{options.TotalBytes >> 20} MiB per case, {options.Concurrency} calls in flight, batch = blocks per call " +
      $"(batched rows: {options.BatchBytes >> 10} KiB of blocks per ReadManyAsync/WriteManyAsync, so up to {options.Concurrency} × that in flight), " +
      $"best of {options.Repetitions} passes, " +
      $"{Environment.ProcessorCount} cores, load average {loadAtStart:F2} at start, {TierBenchmark.LoadAverage():F2} at end " +
      "(load column: when each row finished)\n" + TierBenchmark.FormatTable(results));
return 0;

// A redis-server of the benchmark's own on a free loopback port, or null (with the reason on stderr) when it cannot run here.
static RedisServer? TryStartRedis()
{
    try
    {
        return new RedisServer();
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException)
    {
        Console.Error.WriteLine($"redis target skipped: {e.Message.Split('\n')[0]}; pass --redis host:port to use a running server.");
        return null;
    }
}
