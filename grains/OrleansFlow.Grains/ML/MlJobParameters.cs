using System.Globalization;
using OrleansFlow.Abstractions.ML;

namespace OrleansFlow.Grains.ML;

/// <summary>
/// The settings of an ML training job, carried in <see cref="Abstractions.Jobs.JobSpec.Parameters"/> (strings) so
/// the planner and every task read the same values. <see cref="ToParameters"/> and <see cref="Parse"/> round-trip.
/// </summary>
public sealed record MlJobParameters
{
    /// <summary>linreg, logreg or mlp.</summary>
    public required string Model { get; init; }
    /// <summary>generate, file, sql, mnist or fashion-mnist.</summary>
    public required string Source { get; init; }
    /// <summary>Generator: total training rows and features.</summary>
    public int Rows { get; init; }
    public int Features { get; init; }
    public float Noise { get; init; } = 0.1f;
    /// <summary>File source: a .parquet or .csv file; sql source: the data folder the query reads (a table per
    /// sub-folder). And the label column (null: the last column).</summary>
    public string? DataPath { get; init; }
    public string? Label { get; init; }
    /// <summary>sql source: the query whose numeric columns are the features.</summary>
    public string? Query { get; init; }
    /// <summary>Classes for logreg/mlp on files (datasets know theirs).</summary>
    public int Classes { get; init; } = 2;
    /// <summary>MLP hidden layer widths.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [128];
    public int Epochs { get; init; } = 5;
    public int Workers { get; init; } = 2;
    /// <summary>Generator and file sources: worker w gets rows in proportion to weight w (empty: equal parts), for
    /// workers on unequal silos.</summary>
    public IReadOnlyList<int> PartitionWeights { get; init; } = [];
    /// <summary>Rows per worker per step.</summary>
    public int BatchSize { get; init; } = 256;
    public int Shards { get; init; } = 1;
    public SyncMode Mode { get; init; } = SyncMode.Bsp;
    public int Staleness { get; init; } = 2;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    public float LearningRate { get; init; } = 0.01f;
    /// <summary>Each epoch after the first runs at this times the previous epoch's learning rate.</summary>
    public float LearningRateDecay { get; init; } = 1f;
    public int Seed { get; init; } = 1;
    /// <summary>Where the evaluate task saves the trained model (a path every silo can write), or null.</summary>
    public string? ModelOut { get; init; }

    public IReadOnlyDictionary<string, string> ToParameters()
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model"] = Model, ["source"] = Source, ["rows"] = Str(Rows), ["features"] = Str(Features), ["noise"] = Str(Noise),
            ["classes"] = Str(Classes), ["hidden"] = string.Join(',', Hidden.Select(Str)), ["epochs"] = Str(Epochs),
            ["workers"] = Str(Workers), ["batch"] = Str(BatchSize), ["shards"] = Str(Shards), ["mode"] = Mode.ToString(),
            ["staleness"] = Str(Staleness), ["optimizer"] = Optimizer.ToString(), ["lr"] = Str(LearningRate), ["lr-decay"] = Str(LearningRateDecay), ["seed"] = Str(Seed),
        };
        if (PartitionWeights.Count > 0) p["partition-weights"] = string.Join(',', PartitionWeights.Select(Str));
        if (DataPath is not null) p["data"] = DataPath;
        if (Label is not null) p["label"] = Label;
        if (Query is not null) p["query"] = Query;
        if (ModelOut is not null) p["model-out"] = ModelOut;
        return p;
    }

    /// <summary>Reads and checks the settings; <see cref="ArgumentException"/> names the bad one.</summary>
    public static MlJobParameters Parse(IReadOnlyDictionary<string, string> p)
    {
        var result = new MlJobParameters
        {
            Model = Required(p, "model"),
            Source = Required(p, "source"),
            Rows = Int(p, "rows", 0, 0),
            Features = Int(p, "features", 0, 0),
            Noise = Float(p, "noise", 0.1f),
            DataPath = p.GetValueOrDefault("data"),
            Label = p.GetValueOrDefault("label"),
            Query = p.GetValueOrDefault("query"),
            Classes = Int(p, "classes", 2, 2),
            Hidden = p.TryGetValue("hidden", out var hidden) && hidden.Length > 0
                ? hidden.Split(',').Select(h => int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w > 0 ? w
                    : throw new ArgumentException($"ml parameter hidden: '{h}' is not a positive layer width")).ToArray()
                : [],
            Epochs = Int(p, "epochs", 5, 1),
            Workers = Int(p, "workers", 2, 1),
            PartitionWeights = p.TryGetValue("partition-weights", out var weights) && weights.Length > 0
                ? weights.Split(',').Select(h => int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w > 0 ? w
                    : throw new ArgumentException($"ml parameter partition-weights: '{h}' is not a positive whole number")).ToArray()
                : [],
            BatchSize = Int(p, "batch", 256, 1),
            Shards = Int(p, "shards", 1, 1),
            Mode = Enum<SyncMode>(p, "mode", SyncMode.Bsp),
            Staleness = Int(p, "staleness", 2, 0),
            Optimizer = Enum<OptimizerKind>(p, "optimizer", OptimizerKind.Adam),
            LearningRate = Float(p, "lr", 0.01f),
            LearningRateDecay = Float(p, "lr-decay", 1f),
            Seed = Int(p, "seed", 1, int.MinValue),
            ModelOut = p.GetValueOrDefault("model-out"),
        };
        result.Validate();
        return result;
    }

    private void Validate()
    {
        if (Model is not ("linreg" or "logreg" or "mlp"))
            throw new ArgumentException($"ml parameter model must be linreg, logreg or mlp (was '{Model}')");
        switch (Source)
        {
            case "generate" when Model != "linreg":
                throw new ArgumentException("ml: generated data is for linreg (it has known coefficients); use --data or --dataset for classification");
            case "generate" when Rows < Workers || Features < 1:
                throw new ArgumentException($"ml: --generate needs at least one row per worker and one feature (rows {Rows}, features {Features}, workers {Workers})");
            case "file" when string.IsNullOrEmpty(DataPath):
                throw new ArgumentException("ml: the file source needs a data path");
            case "sql" when string.IsNullOrWhiteSpace(Query) || string.IsNullOrEmpty(DataPath):
                throw new ArgumentException("ml: the sql source needs a query and a data folder");
            case "generate" or "file" or "sql" or "mnist" or "fashion-mnist":
                break;
            default:
                throw new ArgumentException($"ml parameter source must be generate, file, sql, mnist or fashion-mnist (was '{Source}')");
        }
        if (PartitionWeights.Count is > 0 and var count && count != Workers)
            throw new ArgumentException($"ml parameter partition-weights: {count} weights for {Workers} workers");
        if (!(LearningRate > 0))
            throw new ArgumentException($"ml parameter lr must be positive (was {LearningRate})");
        if (LearningRateDecay is <= 0 or > 1)
            throw new ArgumentException($"ml parameter lr-decay must be in (0, 1] (was {LearningRateDecay})");
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Str(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Required(IReadOnlyDictionary<string, string> p, string name) =>
        p.TryGetValue(name, out var v) && v.Length > 0 ? v : throw new ArgumentException($"ml job parameter '{name}' is missing");

    private static int Int(IReadOnlyDictionary<string, string> p, string name, int fallback, int min)
    {
        if (!p.TryGetValue(name, out var text)) return fallback;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min
            ? v : throw new ArgumentException($"ml parameter {name}: '{text}' is not a whole number ≥ {min}");
    }

    private static float Float(IReadOnlyDictionary<string, string> p, string name, float fallback)
    {
        if (!p.TryGetValue(name, out var text)) return fallback;
        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v)
            ? v : throw new ArgumentException($"ml parameter {name}: '{text}' is not a number");
    }

    private static T Enum<T>(IReadOnlyDictionary<string, string> p, string name, T fallback) where T : struct, Enum
    {
        if (!p.TryGetValue(name, out var text)) return fallback;
        return System.Enum.TryParse<T>(text, ignoreCase: true, out var v) && System.Enum.IsDefined(v)
            ? v : throw new ArgumentException($"ml parameter {name}: '{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
    }
}
