using OrleansFlow.Benchmarks.Cluster;
using System.Diagnostics;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Client;
using OrleansFlow.Jobs.ML;
using OrleansFlow.ML.Data;
using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;
using OrleansFlow.Testing;

namespace OrleansFlow.Benchmarks.ML;

/// <summary>
/// One run: linear regression on the rows the fabric's workers generate (10 M x 32 by default), ML.NET SDCA on the
/// same rows in this process, then OrleansFlow as training jobs on an embedded silo and on two silo processes: the
/// time until the trained model's MSE on those rows is at most ML.NET's + 1 %. Then the MLP on Fashion-MNIST as a
/// job: epoch time and samples/s.
/// </summary>
internal static class FabricBenchmark
{
    private const int Workers = 2;

    public static async Task RunAsync(Arguments args)
    {
        Console.WriteLine($"load average at start: {LoadAverage()}");
        var linear = new MlArgs
        {
            Model = "linreg", Source = "generate", Rows = args.Int("rows", 10_000_000), Features = args.Int("features", 32), Noise = 0.5f,
            Epochs = 1, Workers = Workers, BatchSize = args.Int("batch", 1024), Shards = 1, Optimizer = OptimizerKind.Adam,
            LearningRate = 0.01f, LearningRateDecay = 0.5f, Seed = 2026,
        };
        var generate = Stopwatch.StartNew();
        var data = await SameRowsAsTheWorkersAsync(linear);
        Console.WriteLine($"linear regression: {data.Rows:N0} rows x {data.Columns} features (the {Workers} workers' generated partitions) in {generate.Elapsed.TotalSeconds:F1} s");

        var (mlNetSeconds, mlNetMse) = LinearRegressionBenchmark.TrainMlNet(data);
        var target = mlNetMse * 1.01;
        Console.WriteLine($"ML.NET SDCA: trained in {mlNetSeconds:F2} s, MSE {mlNetMse:F6}; target MSE (+1%) {target:F6}");
        var inProcess = LinearRegressionBenchmark.TimeSgdToTarget(new LinearRegressionModel(data.Columns), data, target);
        Console.WriteLine($"OrleansFlow in process (DataParallelTrainer, no grains): {(inProcess is { } s ? $"{s:F2} s to target" : "target not reached")}");

        using (var workFolder = new TempFolder("bench-ml"))
        {
            var work = workFolder.Path;
            await using (var embedded = await EmbeddedFlow.ConnectAsync(silo: new EmbeddedSiloOptions
            {
                ConfigureSilo = o => { o.TaskSlotsPerSilo = Workers; o.WorkDirectory = work; },
                ConfigureBlockStores = b => b.MemoryCapacityBytes = 4L << 30,
            }))
            {
                await TimeToTargetAsync("embedded silo", embedded, linear, data, target, mlNetSeconds);
                await MlpEpochsAsync("embedded silo", embedded, args);
            }

            await using var cluster = await LocalSiloCluster.StartAsync(2, ["--slots", "1", "--memory", "3g", "--work-dir", work], TimeSpan.FromMinutes(2));
            var client = cluster.Client;
            await TimeToTargetAsync("2 silo processes (1 slot each)", client, linear, data, target, mlNetSeconds);
            await MlpEpochsAsync("2 silo processes (1 slot each)", client, args);
        }
        Console.WriteLine($"load average at end: {LoadAverage()}");
    }

    /// <summary>Jobs of 1, 2, 3 epochs until one's model reaches the target MSE on the rows (the first that does counts).</summary>
    private static async Task TimeToTargetAsync(string where, FlowClient client, MlArgs p, FeatureMatrix data, double target, double mlNetSeconds)
    {
        var model = new LinearRegressionModel(data.Columns);
        for (var epochs = 1; epochs <= 3; epochs++)
        {
            var clock = Stopwatch.StartNew();
            var job = await client.SubmitAsync(p with { Epochs = epochs }, new SubmitOptions { Name = "bench linreg" });
            var result = await job.WaitAsync();
            var seconds = clock.Elapsed.TotalSeconds;
            if (result.Info.Status != JobStatus.Succeeded)
                throw new InvalidOperationException($"{where}: job {job.JobId} {result.Info.Status}: {result.Info.Error}");
            var summary = await client.Orleans.GetGrain<ITrainingMetricsGrain>(job.JobId).GetSummary();
            var mse = ModelEvaluation.MeanSquaredError(model, summary.Evaluation!.Parameters, data.AsShard());
            var stages = string.Join(", ", result.Info.Stages.Select(s => $"{s.Name} {s.Duration?.TotalSeconds ?? 0:F2} s"));
            Console.WriteLine($"OrleansFlow fabric, {where}, {epochs} epoch(s): job {seconds:F2} s ({stages}), MSE {mse:F6}");
            if (mse <= target)
            {
                Console.WriteLine($"  reached the target: {seconds:F2} s from submit to trained model (partitions generated inside epoch 1); {mlNetSeconds / seconds:F1}x ML.NET's time");
                return;
            }
        }
        Console.WriteLine($"  {where}: target not reached in 3 epochs");
    }

    private static async Task MlpEpochsAsync(string where, FlowClient client, Arguments args)
    {
        var p = new MlArgs
        {
            Model = "mlp", Source = "fashion-mnist", Hidden = [args.Int("hidden", 128)], Epochs = args.Int("mlp-epochs", 3), Workers = Workers,
            BatchSize = args.Int("mlp-batch", 32), Shards = 2, Optimizer = OptimizerKind.Adam, LearningRate = 0.001f, LearningRateDecay = 0.8f, Seed = 7,
        };
        var clock = Stopwatch.StartNew();
        var job = await client.SubmitAsync(p, new SubmitOptions { Name = "bench mlp" });
        var result = await job.WaitAsync();
        if (result.Info.Status != JobStatus.Succeeded)
            throw new InvalidOperationException($"{where}: MLP job {job.JobId} {result.Info.Status}: {result.Info.Error}");
        var summary = await client.Orleans.GetGrain<ITrainingMetricsGrain>(job.JobId).GetSummary();
        var epochs = result.Info.Stages.Where(s => s.Name.StartsWith("epoch ", StringComparison.Ordinal)).Select(s => s.Duration!.Value.TotalSeconds).ToList();
        var later = epochs.Count > 1 ? epochs.Skip(1).ToList() : epochs;
        var samples = summary.Epochs[^1].Samples;
        Console.WriteLine($"OrleansFlow fabric MLP 784-{p.Hidden[0]}-10 on Fashion-MNIST, {where}, {p.BatchSize} rows/worker/step, {Workers} workers, 2 shards: " +
            $"epochs {string.Join(" ", epochs.Select(e => $"{e:F2}"))} s; later epochs {later.Average():F2} s = {samples / later.Average():N0} samples/s " +
            $"(fastest {samples / later.Min():N0}); test accuracy {summary.Evaluation!.Accuracy:P2} after {p.Epochs}; job {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The rows the job's workers train on, in partition order (each partition has its own random stream).</summary>
    private static async Task<FeatureMatrix> SameRowsAsTheWorkersAsync(MlArgs p)
    {
        var parts = new FeatureMatrix[p.Workers];
        for (var w = 0; w < p.Workers; w++)
            parts[w] = await TrainingDataSource.LoadPartitionAsync(p, w, p.Workers, CancellationToken.None);
        return FeatureMatrix.Concat(parts);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
