using OrleansFlow.Abstractions.ML;
using OrleansFlow.Engine.Input;
using OrleansFlow.Jobs.ML;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Catalog;
using Parquet;
using Parquet.Schema;

namespace OrleansFlow.Tests.ML;

/// <summary>
/// What the ML job's tasks load (<see cref="TrainingDataSource"/>, <see cref="SqlFeatureTable"/>), without a cluster:
/// rows that cannot be trained on are <see cref="InputException"/>s, the kind of task failure the job does not retry,
/// with one line naming the input, the row and the column.
/// </summary>
public sealed class TrainingDataErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_file_with_nan_fails_every_partition_alike_as_input_the_user_must_fix()
    {
        var csv = _folder.File("t.csv", "a,b,y\n1,2,3\n4,NaN,6\n7,8,9\n");
        var p = File(csv);
        foreach (var partition in new[] { 0, 1 })
        {
            var error = await Assert.ThrowsAsync<InputException>(() => TrainingDataSource.LoadPartitionAsync(p, partition, 2, CancellationToken.None));
            Assert.Equal($"{csv}:3:2: column 'b' holds 'NaN' on line 3 (data row 2); features and labels must be finite numbers.", error.Message);
        }
        var evaluation = await Assert.ThrowsAsync<InputException>(() => TrainingDataSource.LoadEvaluationAsync(p, CancellationToken.None));
        Assert.StartsWith($"{csv}:3:2: ", evaluation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classifier_labels_must_be_classes_of_the_model_and_regression_takes_any_number()
    {
        var csv = _folder.File("t.csv", "a,b,label\n1,2,0\n4,5,1\n7,8,2\n");
        var error = await Assert.ThrowsAsync<InputException>(() =>
            TrainingDataSource.LoadPartitionAsync(File(csv) with { Model = "logreg" }, 0, 1, CancellationToken.None));
        Assert.Equal($"{csv}:4:3: label column 'label' holds '2' on line 4 (data row 3), which is not a class of a 2-class model; labels must be whole numbers 0..1.", error.Message);

        Assert.Equal(3, (await TrainingDataSource.LoadPartitionAsync(File(csv) with { Model = "mlp", Classes = 3 }, 0, 1, CancellationToken.None)).Rows);
        Assert.Equal(3, (await TrainingDataSource.LoadPartitionAsync(File(csv), 0, 1, CancellationToken.None)).Rows);
    }

    [Fact]
    public async Task More_workers_than_rows_names_the_input_and_how_many_workers_it_can_feed()
    {
        var csv = _folder.File("t.csv", "a,y\n1,2\n3,4\n");
        var error = await Assert.ThrowsAsync<InputException>(() => TrainingDataSource.LoadPartitionAsync(File(csv), 2, 3, CancellationToken.None));
        Assert.Equal($"{csv}: 2 rows cannot feed 3 workers; every worker needs at least one row (use at most 2 workers).", error.Message);

        var weighted = File(csv) with { Workers = 2, PartitionWeights = [1, 100] };
        error = await Assert.ThrowsAsync<InputException>(() => TrainingDataSource.LoadPartitionAsync(weighted, 0, 2, CancellationToken.None));
        Assert.Equal($"{csv}: worker 1 of 2 gets none of the 2 rows (partition weights 1,100); every worker needs at least one row.", error.Message);
    }

    [Fact]
    public async Task Generated_labels_that_overflow_float32_are_caught()
    {
        // Noise of float.MaxValue is a valid setting, but almost every label overflows to ±infinity.
        var p = new MlArgs { Model = "linreg", Source = "generate", Rows = 1_000, Features = 3, Noise = float.MaxValue, Workers = 2 };
        p.Validate();
        var error = await Assert.ThrowsAsync<InputException>(() => TrainingDataSource.LoadPartitionAsync(p, 1, 2, CancellationToken.None));
        Assert.Matches(@"^generated data, partition 2 of 2: column 'y' holds -?Infinity in row \d+ of 500; features and labels must be finite numbers\.$", error.Message);
        Assert.Equal(500, (await TrainingDataSource.LoadPartitionAsync(p with { Noise = 0.1f }, 1, 2, CancellationToken.None)).Rows);
    }

    [Fact]
    public async Task A_query_result_with_nan_names_the_column_and_the_result_row()
    {
        var data = await PointsTableAsync([1, 2, double.NaN, 4], [1, 0, 1, 0]);
        var result = SqlEngine.Execute("SELECT x, label FROM points ORDER BY id", TableCatalog.FromDirectory(data));
        var error = Assert.Throws<InputException>(() => SqlFeatureTable.Choose(result.Columns, null).ToMatrix(result));
        Assert.Equal("ml --sql: column 'x' holds NaN in result row 3 of 4; features and labels must be finite numbers.", error.Message);

        // The same through the source, as the job's in-process fallback runs it.
        var p = new MlArgs { Model = "linreg", Source = "sql", Query = "SELECT x, label FROM points WHERE id > 1 ORDER BY id", DataPath = data, Workers = 1 };
        error = await Assert.ThrowsAsync<InputException>(() => TrainingDataSource.LoadPartitionAsync(p, 0, 1, CancellationToken.None));
        Assert.Equal("ml --sql: column 'x' holds NaN in result row 2 of 3; features and labels must be finite numbers.", error.Message);
    }

    [Fact]
    public async Task A_query_with_no_rows_or_labels_that_are_not_classes_is_named()
    {
        var data = await PointsTableAsync([1, 2, 3], [0, 1, 5]);
        var catalog = TableCatalog.FromDirectory(data);
        var empty = SqlEngine.Execute("SELECT x, label FROM points WHERE x > 10", catalog);
        Assert.Equal("ml --sql: the query returned no rows to train on",
            Assert.Throws<InputException>(() => SqlFeatureTable.Choose(empty.Columns, null).ToMatrix(empty)).Message);

        var all = SqlEngine.Execute("SELECT x, label FROM points ORDER BY id", catalog);
        Assert.Equal("ml --sql: label column 'label' holds 5 in result row 3 of 3, which is not a class of a 2-class model; labels must be whole numbers 0..1.",
            Assert.Throws<InputException>(() => SqlFeatureTable.Choose(all.Columns, null).ToMatrix(all, classes: 2)).Message);
        Assert.Equal(3, SqlFeatureTable.Choose(all.Columns, null).ToMatrix(all, classes: 6).Rows);
    }

    private static MlArgs File(string path) => new() { Model = "linreg", Source = "file", DataPath = path, Workers = 2 };

    /// <summary>A table <c>points(id, x, label)</c> in a data folder as <c>--sql --data DIR</c> reads it.</summary>
    private async Task<string> PointsTableAsync(double[] x, int[] labels)
    {
        var folder = _folder.Sub("data");
        var path = _folder.File("data/points/part-0.parquet");
        var id = new DataField("id", typeof(long), isNullable: false);
        var xs = new DataField("x", typeof(double), isNullable: false);
        var label = new DataField("label", typeof(int), isNullable: false);
        await using (var file = System.IO.File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, xs, label), file))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<long>(id, Enumerable.Range(1, x.Length).Select(i => (long)i).ToArray());
            await group.WriteAsync<double>(xs, x);
            await group.WriteAsync<int>(label, labels);
        }
        return folder;
    }
}
