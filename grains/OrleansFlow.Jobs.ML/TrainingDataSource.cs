using OrleansFlow.Abstractions.ML;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Catalog;
using OrleansFlow.ML.Data;

namespace OrleansFlow.Jobs.ML;

/// <summary>Reads an ML job's training partitions and its held-out rows from the job's source.</summary>
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
            return GeneratedRegression.Rows(p, count, stream: partition);
        }
        return PartitionOf(p, await LoadTrainingAsync(p, cancellationToken), partition, partitions);
    }

    /// <summary>Rows to evaluate the trained model on and whether they were held out of training.</summary>
    public static async Task<(FeatureMatrix Rows, bool HeldOut)> LoadEvaluationAsync(MlArgs p, CancellationToken cancellationToken)
    {
        switch (p.Source)
        {
            case "generate":
                return (GeneratedRegression.Rows(p, Math.Min(p.Rows, 50_000), stream: -1), true);
            case "mnist":
                return (MnistDigitsJson.Load(DatasetLocator.RequireMnistDigits()).SplitTrainTest(0.2, p.Seed).Test, true);
            case "fashion-mnist":
                return (FashionMnist.LoadTest(DatasetLocator.RequireFashionMnist()), true);
            default:
                return (await LoadTrainingAsync(p, cancellationToken), false);
        }
    }

    private static async Task<FeatureMatrix> LoadTrainingAsync(MlArgs p, CancellationToken cancellationToken) => p.Source switch
    {
        "mnist" => MnistDigitsJson.Load(DatasetLocator.RequireMnistDigits()).SplitTrainTest(0.2, p.Seed).Train,
        "fashion-mnist" => FashionMnist.LoadTrain(DatasetLocator.RequireFashionMnist()),
        "file" when p.DataPath!.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) => await ParquetFeatureReader.ReadAsync(p.DataPath, p.Label, cancellationToken),
        "file" when p.DataPath!.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) => CsvFeatureReader.Read(p.DataPath, p.Label),
        "file" => throw new ArgumentException($"ml: {p.DataPath}: only .parquet and .csv files can be read"),
        // The job's SQL stages put the table in the memory tier; this in-process run is the fallback when those
        // blocks were lost with a silo.
        "sql" => RunQuery(p),
        var other => throw new ArgumentException($"ml: unknown source '{other}'"),
    };

    private static FeatureMatrix RunQuery(MlArgs p)
    {
        var result = SqlEngine.Execute(p.Query!, TableCatalog.FromDirectory(p.DataPath!));
        return SqlFeatureTable.Choose(result.Columns, p.Label).ToMatrix(result);
    }

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
            throw new ArgumentException($"ml: {rows} rows cannot feed {partitions} workers");
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
            throw new ArgumentException($"ml: worker {partition} gets no rows of {rows} (partition weights {string.Join(',', p.PartitionWeights)})");
        return (start, end - start);
    }
}
