using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Abstractions.ML;

/// <summary>The settings of an ML training job; the planner and every task read the same record.</summary>
[GenerateSerializer, Immutable]
public sealed record MlArgs : JobArgs
{
    public override string Kind => JobKinds.MachineLearning;

    /// <summary>linreg, logreg or mlp.</summary>
    [Id(0)] public required string Model { get; init; }
    /// <summary>generate, file, sql, mnist or fashion-mnist.</summary>
    [Id(1)] public required string Source { get; init; }
    /// <summary>Generator: total training rows and features.</summary>
    [Id(2)] public int Rows { get; init; }
    [Id(3)] public int Features { get; init; }
    [Id(4)] public float Noise { get; init; } = 0.1f;
    /// <summary>File source: a .parquet or .csv file; sql source: the data folder the query reads (a table per
    /// sub-folder). And the label column (null: the last column).</summary>
    [Id(5)] public string? DataPath { get; init; }
    [Id(6)] public string? Label { get; init; }
    /// <summary>sql source: the query whose numeric columns are the features.</summary>
    [Id(7)] public string? Query { get; init; }
    /// <summary>Classes for logreg/mlp on files (datasets know theirs).</summary>
    [Id(8)] public int Classes { get; init; } = 2;
    /// <summary>MLP hidden layer widths.</summary>
    [Id(9)] public IReadOnlyList<int> Hidden { get; init; } = [128];
    [Id(10)] public int Epochs { get; init; } = 5;
    [Id(11)] public int Workers { get; init; } = 2;
    /// <summary>Generator and file sources: worker w gets rows in proportion to weight w (empty: equal parts), for
    /// workers on unequal silos.</summary>
    [Id(12)] public IReadOnlyList<int> PartitionWeights { get; init; } = [];
    /// <summary>Rows per worker per step.</summary>
    [Id(13)] public int BatchSize { get; init; } = 256;
    [Id(14)] public int Shards { get; init; } = 1;
    [Id(15)] public SyncMode Mode { get; init; } = SyncMode.Bsp;
    [Id(16)] public int Staleness { get; init; } = 2;
    [Id(17)] public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    [Id(18)] public float LearningRate { get; init; } = 0.01f;
    /// <summary>Each epoch after the first runs at this times the previous epoch's learning rate.</summary>
    [Id(19)] public float LearningRateDecay { get; init; } = 1f;
    [Id(20)] public int Seed { get; init; } = 1;
    /// <summary>Where intermediate data and the cached training partitions live.</summary>
    [Id(22)] public ShuffleStoreKind Shuffle { get; init; } = ShuffleStoreKind.Memory;
    /// <summary>SQL source: tasks per repartitioned stage of the query; 0 lets the job choose.</summary>
    [Id(23)] public int SqlPartitions { get; init; }
    /// <summary>Where the evaluate task saves the trained model (a path every silo can write), or null.</summary>
    [Id(21)] public string? ModelOut { get; init; }

    public override void Validate()
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
        AtLeast(nameof(Rows), Rows, 0);
        AtLeast(nameof(Features), Features, 0);
        AtLeast(nameof(Classes), Classes, 2);
        AtLeast(nameof(Epochs), Epochs, 1);
        AtLeast(nameof(Workers), Workers, 1);
        AtLeast(nameof(BatchSize), BatchSize, 1);
        AtLeast(nameof(Shards), Shards, 1);
        AtLeast(nameof(Staleness), Staleness, 0);
        AtLeast(nameof(SqlPartitions), SqlPartitions, 0);
        if (Hidden.FirstOrDefault(w => w < 1, 1) is var width and < 1)
            throw new ArgumentException($"ml parameter hidden: '{width}' is not a positive layer width");
        if (PartitionWeights.Any(w => w < 1))
            throw new ArgumentException("ml parameter partition-weights: every weight must be a positive whole number");
        if (!float.IsFinite(Noise) || Noise < 0)
            throw new ArgumentException($"ml parameter noise must be a non-negative number (was {Noise})");
        if (PartitionWeights.Count is > 0 and var count && count != Workers)
            throw new ArgumentException($"ml parameter partition-weights: {count} weights for {Workers} workers");
        if (!(LearningRate > 0))
            throw new ArgumentException($"ml parameter lr must be positive (was {LearningRate})");
        if (LearningRateDecay is <= 0 or > 1)
            throw new ArgumentException($"ml parameter lr-decay must be in (0, 1] (was {LearningRateDecay})");
    }

    private static void AtLeast(string name, int value, int min)
    {
        if (value < min)
            throw new ArgumentException($"ml parameter {name}: '{value}' is not a whole number ≥ {min}");
    }
}
