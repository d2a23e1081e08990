using OrleansFlow.Abstractions.ML;
using OrleansFlow.Engine.Input;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Catalog;
using OrleansFlow.ML.Data;

namespace OrleansFlow.Jobs.ML;

/// <summary>
/// Reads an ML job's training partitions and its held-out rows from the job's source. Rows that cannot be trained on
/// (NaN or infinite values, labels that are not classes of a classifier, no rows, fewer rows than workers) fail with
/// an <see cref="InputException"/> naming the input, the row and the column: the user must fix the data, and running
/// the task again cannot help.
/// </summary>
public static class TrainingDataSource
{
    /// <summary>How many classes the source's labels have (classification).</summary>
    public static int ClassCount(MlArgs p) => p.Source switch
    {
        "mnist" => MnistDigitsJson.ClassCount,
        "fashion-mnist" => FashionMnist.ClassCount,
        _ => p.Classes,
    };

    /// <summary>Rows of <paramref name="partition"/> out of <paramref name="partitions"/> contiguous parts, near-equal or
    /// in proportion to <see cref="MlArgs.PartitionWeights"/>.</summary>
    public static async Task<FeatureMatrix> LoadPartitionAsync(MlArgs p, int partition, int partitions, CancellationToken cancellationToken)
    {
        if (p.Source == "generate")
        {
            // Generated partitions have their own random streams: only the row count matters.
            var (_, count) = RangeOf(p, p.Rows, partition, partitions);
            return Checked(GeneratedRegression.Rows(p, count, stream: partition), $"generated data, partition {partition + 1} of {partitions}");
        }
        return PartitionOf(p, await LoadTrainingAsync(p, cancellationToken), partition, partitions);
    }

    /// <summary>The labels a classifier accepts (whole numbers below this), or null for regression.</summary>
    public static int? LabelClasses(MlArgs p) => ModelFactory.IsClassifier(p) ? ClassCount(p) : null;

    /// <summary>Rows to evaluate the trained model on and whether they were held out of training.</summary>
    public static async Task<(FeatureMatrix Rows, bool HeldOut)> LoadEvaluationAsync(MlArgs p, CancellationToken cancellationToken)
    {
        switch (p.Source)
        {
            case "generate":
                return (Checked(GeneratedRegression.Rows(p, Math.Min(p.Rows, 50_000), stream: -1), "generated held-out data"), true);
            case "mnist":
                return (MnistDigitsJson.Load(DatasetLocator.RequireMnistDigits()).SplitTrainTest(0.2, p.Seed).Test, true);
            case "fashion-mnist":
                return (FashionMnist.LoadTest(DatasetLocator.RequireFashionMnist()), true);
            default:
                return (await LoadTrainingAsync(p, cancellationToken), false);
        }
    }

    private static async Task<FeatureMatrix> LoadTrainingAsync(MlArgs p, CancellationToken cancellationToken)
    {
        try
        {
            // The datasets' loaders check their values (pixels in [0, 1], labels below the class count) as they read.
            return p.Source switch
            {
                "mnist" => MnistDigitsJson.Load(DatasetLocator.RequireMnistDigits()).SplitTrainTest(0.2, p.Seed).Train,
                "fashion-mnist" => FashionMnist.LoadTrain(DatasetLocator.RequireFashionMnist()),
                "file" when p.DataPath!.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) =>
                    await ParquetFeatureReader.ReadAsync(p.DataPath, p.Label, cancellationToken, LabelClasses(p)),
                "file" when p.DataPath!.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) => CsvFeatureReader.Read(p.DataPath, p.Label, LabelClasses(p)),
                "file" => throw new InputException($"ml: {p.DataPath}: only .parquet and .csv files can be read"),
                // The job's SQL stages put the table in the memory tier; this in-process run is the fallback when those
                // blocks were lost with a silo.
                "sql" => RunQuery(p),
                var other => throw new ArgumentException($"ml: unknown source '{other}'"),
            };
        }
        catch (InvalidDataException e)
        {
            // The loaders' messages name the file, line or row, and column: the data must be fixed, not the task re-run.
            throw new InputException(e.Message);
        }
    }

    private static FeatureMatrix RunQuery(MlArgs p)
    {
        var result = SqlEngine.Execute(p.Query!, TableCatalog.FromDirectory(p.DataPath!));
        return SqlFeatureTable.Choose(result.Columns, p.Label).ToMatrix(result, LabelClasses(p));
    }

    private static FeatureMatrix Checked(FeatureMatrix rows, string source) =>
        TrainingDataChecks.FindProblem(rows, source) is { } problem ? throw new InputException(problem) : rows;

    /// <summary>What the job trains on, as its messages name it.</summary>
    private static string InputName(MlArgs p) => p.Source switch
    {
        "file" => p.DataPath!,
        "sql" => "ml --sql: the query's result",
        "generate" => "generated data",
        var dataset => dataset,
    };

    /// <summary>Rows of partition <paramref name="partition"/> of a whole table.</summary>
    public static FeatureMatrix PartitionOf(MlArgs p, FeatureMatrix all, int partition, int partitions)
    {
        var (first, rows) = RangeOf(p, all.Rows, partition, partitions);
        var indices = new int[rows];
        for (var i = 0; i < rows; i++)
            indices[i] = first + i;
        return all.Gather(indices);
    }

    private static (int Start, int Count) RangeOf(MlArgs p, int rows, int partition, int partitions)
    {
        if (rows < partitions)
            throw new InputException($"{InputName(p)}: {rows} rows cannot feed {partitions} workers; every worker needs at least one row (use at most {rows} workers).");
        // The planner may run fewer workers than asked (free slots): then the first `partitions` weights share the rows.
        long Boundary(int part)
        {
            if (p.PartitionWeights.Count < partitions)
                return (long)rows * part / partitions;
            long before = 0, total = 0;
            for (var i = 0; i < partitions; i++)
            {
                total += p.PartitionWeights[i];
                if (i < part) before += p.PartitionWeights[i];
            }
            return rows * before / total;
        }
        var start = (int)Boundary(partition);
        var end = (int)Boundary(partition + 1);
        if (end == start)
            throw new InputException($"{InputName(p)}: worker {partition + 1} of {partitions} gets none of the {rows} rows (partition weights {string.Join(',', p.PartitionWeights)}); every worker needs at least one row.");
        return (start, end - start);
    }
}
