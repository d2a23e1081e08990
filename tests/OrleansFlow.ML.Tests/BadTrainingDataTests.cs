using Apache.Arrow;
using Apache.Arrow.Types;
using OrleansFlow.ML.Data;
using Parquet;
using Parquet.Schema;

namespace OrleansFlow.ML.Tests;

/// <summary>
/// Rows that cannot be trained on fail the load with one line naming the input, the column and the row as a user
/// counts it (CSV: the file's line and the data row; Parquet and Arrow: the row, from 1) instead of training a NaN
/// model.
/// </summary>
public sealed class BadTrainingDataTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e39")] // parses, but overflows float32 to infinity
    public void Csv_a_feature_that_is_not_finite_is_named_with_its_line_data_row_and_column(string value)
    {
        // A blank line before it: the line (5) and the data row (3) differ.
        var path = _folder.File("t.csv", $"a,b,y\n1,2,3\n\n4,5,6\n7,{value},9\n");
        var error = Assert.Throws<InvalidDataException>(() => CsvFeatureReader.Read(path));
        Assert.Equal($"{path}:5:2: column 'b' holds '{value}' on line 5 (data row 3); features and labels must be finite numbers.", error.Message);
    }

    [Fact]
    public void Csv_a_label_that_is_not_finite_is_named_and_so_is_one_in_the_first_row()
    {
        var path = _folder.File("t.csv", "a,b,y\n1,2,3\n4,5,-Infinity\n");
        Assert.Equal($"{path}:3:3: column 'y' holds '-Infinity' on line 3 (data row 2); features and labels must be finite numbers.",
            Assert.Throws<InvalidDataException>(() => CsvFeatureReader.Read(path)).Message);

        // NaN parses as a number, so the first row's NaN makes the column numeric, then fails as not finite.
        File.WriteAllText(path, "a,b,y\nNaN,2,3\n");
        Assert.Equal($"{path}:2:1: column 'a' holds 'NaN' on line 2 (data row 1); features and labels must be finite numbers.",
            Assert.Throws<InvalidDataException>(() => CsvFeatureReader.Read(path)).Message);
    }

    [Theory]
    [InlineData("2", 2, "0..1")]
    [InlineData("0.5", 2, "0..1")]
    [InlineData("-1", 3, "0..2")]
    [InlineData("3", 3, "0..2")]
    public void Csv_a_label_that_is_not_a_class_is_named_with_its_value(string label, int classes, string range)
    {
        var path = _folder.File("t.csv", $"a,b,y\n1,2,0\n4,5,{label}\n7,8,1\n");
        var error = Assert.Throws<InvalidDataException>(() => CsvFeatureReader.Read(path, classes: classes));
        Assert.Equal(
            $"{path}:3:3: label column 'y' holds '{label}' on line 3 (data row 2), which is not a class of a {classes}-class model; labels must be whole numbers {range}.",
            error.Message);
        // The same rows are fine for regression.
        Assert.Equal(3, CsvFeatureReader.Read(path).Rows);
    }

    [Fact]
    public void Csv_a_text_label_fails_whether_named_or_the_default_last_column()
    {
        var path = _folder.File("t.csv", "x1,x2,kind\n1,2,cat\n3,4,dog\n");
        Assert.Equal($"{path}: the label column 'kind' (by default the last column) is text ('cat' on line 2), not numeric (columns: x1, x2, kind).",
            Assert.Throws<InvalidDataException>(() => CsvFeatureReader.Read(path)).Message);
        Assert.Equal($"{path}: the label column 'kind' is text ('cat' on line 2), not numeric (columns: x1, x2, kind).",
            Assert.Throws<InvalidDataException>(() => CsvFeatureReader.Read(path, "kind")).Message);

        File.WriteAllText(path, "x1,x2,y\n1,2,\n3,4,5\n");
        Assert.Equal($"{path}: the label column 'y' (by default the last column) is empty on line 2, not numeric (columns: x1, x2, y).",
            Assert.Throws<InvalidDataException>(() => CsvFeatureReader.Read(path)).Message);
    }

    [Fact]
    public void Csv_a_feature_column_that_turns_to_text_and_a_header_without_rows_are_named()
    {
        var path = _folder.File("t.csv", "a,b,y\n1,2,3\n4,five,6\n");
        Assert.StartsWith($"{path}:3:2: column 'b' holds 'five', which is not a number",
            Assert.Throws<InvalidDataException>(() => CsvFeatureReader.Read(path)).Message, StringComparison.Ordinal);

        File.WriteAllText(path, "a,b,y\n");
        Assert.Equal($"{path}: the header has no data rows under it.", Assert.Throws<InvalidDataException>(() => CsvFeatureReader.Read(path)).Message);
        File.WriteAllText(path, "a,b,y\n\n\n");
        Assert.Equal($"{path}: the header has no data rows under it.", Assert.Throws<InvalidDataException>(() => CsvFeatureReader.Read(path)).Message);
    }

    [Fact]
    public async Task Parquet_nan_and_infinity_are_named_with_the_column_and_the_row_from_1()
    {
        var path = _folder.File("t.parquet");
        var a = new DataField("a", typeof(double), isNullable: false);
        var b = new DataField("b", typeof(float), isNullable: true);
        var y = new DataField("y", typeof(double), isNullable: false);
        var schema = new ParquetSchema(a, b, y);

        await WriteParquet(path, schema, async group =>
        {
            await group.WriteAsync<double>(a, new[] { 1.0, 2.0, 3.0 });
            await group.WriteAsync<float>(b, new float?[] { 1f, 2f, float.NaN });
            await group.WriteAsync<double>(y, new[] { 1.0, 2.0, 3.0 });
        });
        Assert.Equal($"{path}: column 'b' holds NaN in row 3 of 3; features and labels must be finite numbers.",
            (await Assert.ThrowsAsync<InvalidDataException>(() => ParquetFeatureReader.ReadAsync(path))).Message);

        // A second row group: rows are counted over the whole file.
        await WriteParquet(path, schema, async group =>
        {
            await group.WriteAsync<double>(a, new[] { 1.0, 2.0 });
            await group.WriteAsync<float>(b, new float?[] { 1f, 2f });
            await group.WriteAsync<double>(y, new[] { 1.0, 2.0 });
        }, async group =>
        {
            await group.WriteAsync<double>(a, new[] { 3.0, 4.0 });
            await group.WriteAsync<float>(b, new float?[] { 3f, 4f });
            await group.WriteAsync<double>(y, new[] { 3.0, double.PositiveInfinity });
        });
        Assert.Equal($"{path}: column 'y' holds Infinity in row 4 of 4; features and labels must be finite numbers.",
            (await Assert.ThrowsAsync<InvalidDataException>(() => ParquetFeatureReader.ReadAsync(path))).Message);

        await WriteParquet(path, schema, async group =>
        {
            await group.WriteAsync<double>(a, new[] { double.NegativeInfinity });
            await group.WriteAsync<float>(b, new float?[] { 1f });
            await group.WriteAsync<double>(y, new[] { 1.0 });
        });
        Assert.Equal($"{path}: column 'a' holds -Infinity in row 1 of 1; features and labels must be finite numbers.",
            (await Assert.ThrowsAsync<InvalidDataException>(() => ParquetFeatureReader.ReadAsync(path))).Message);
    }

    [Fact]
    public async Task Parquet_a_string_label_fails_whether_named_or_the_default_last_column()
    {
        var path = _folder.File("t.parquet");
        var x = new DataField("x", typeof(double), isNullable: false);
        var kind = new DataField("kind", typeof(string), isNullable: true);
        await WriteParquet(path, new ParquetSchema(x, kind), async group =>
        {
            await group.WriteAsync<double>(x, new[] { 1.0, 2.0 });
            await group.WriteAsync(kind, new[] { "cat", "dog" });
        });
        Assert.Equal($"{path}: the label column 'kind' (by default the last column) is String, not numeric (columns: x, kind).",
            (await Assert.ThrowsAsync<InvalidDataException>(() => ParquetFeatureReader.ReadAsync(path))).Message);
        Assert.Equal($"{path}: the label column 'kind' is String, not numeric (columns: x, kind).",
            (await Assert.ThrowsAsync<InvalidDataException>(() => ParquetFeatureReader.ReadAsync(path, "kind"))).Message);
        Assert.Equal($"{path}: label column 'class' not found (columns: x, kind).",
            (await Assert.ThrowsAsync<InvalidDataException>(() => ParquetFeatureReader.ReadAsync(path, "class"))).Message);
    }

    [Fact]
    public async Task Parquet_a_label_that_is_not_a_class_and_a_file_without_rows_are_named()
    {
        var path = _folder.File("t.parquet");
        var x = new DataField("x", typeof(double), isNullable: false);
        var label = new DataField("label", typeof(long), isNullable: false);
        var schema = new ParquetSchema(x, label);
        await WriteParquet(path, schema, async group =>
        {
            await group.WriteAsync<double>(x, new[] { 1.0, 2.0, 3.0 });
            await group.WriteAsync<long>(label, new long[] { 0, 1, 7 });
        });
        Assert.Equal($"{path}: label column 'label' holds 7 in row 3 of 3, which is not a class of a 3-class model; labels must be whole numbers 0..2.",
            (await Assert.ThrowsAsync<InvalidDataException>(() => ParquetFeatureReader.ReadAsync(path, classes: 3))).Message);
        Assert.Equal(3, (await ParquetFeatureReader.ReadAsync(path, classes: 8)).Rows);
        Assert.Equal(3, (await ParquetFeatureReader.ReadAsync(path)).Rows);

        await WriteParquet(path, schema, async group =>
        {
            await group.WriteAsync<double>(x, new double[0]);
            await group.WriteAsync<long>(label, new long[0]);
        });
        Assert.Equal($"{path}: the file has no rows.",
            (await Assert.ThrowsAsync<InvalidDataException>(() => ParquetFeatureReader.ReadAsync(path))).Message);
    }

    [Fact]
    public void Arrow_nan_is_named_with_the_row_counted_over_all_batches()
    {
        var schema = new Schema.Builder()
            .Field(f => f.Name("x").DataType(DoubleType.Default).Nullable(false))
            .Field(f => f.Name("y").DataType(FloatType.Default).Nullable(false))
            .Build();
        RecordBatch Batch(double[] x, float[] y) => new(schema,
            [new DoubleArray.Builder().AppendRange(x).Build(), new FloatArray.Builder().AppendRange(y).Build()], x.Length);

        var error = Assert.Throws<InvalidDataException>(() =>
            ArrowFeatureReader.Read([Batch([1, 2], [1, 2]), Batch([3, double.NaN], [3, 4])], source: "sql stage 3"));
        Assert.Equal("sql stage 3: column 'x' holds NaN in row 4 of 4; features and labels must be finite numbers.", error.Message);
        Assert.Equal("sql stage 3: label column 'y' holds 2 in row 2 of 2, which is not a class of a 2-class model; labels must be whole numbers 0..1.",
            Assert.Throws<InvalidDataException>(() => ArrowFeatureReader.Read([Batch([1, 2], [1, 2])], source: "sql stage 3", classes: 2)).Message);
        Assert.Equal("sql stage 3: no rows to train on.",
            Assert.Throws<InvalidDataException>(() => ArrowFeatureReader.Read([Batch([], [])], source: "sql stage 3")).Message);
    }

    [Fact]
    public void The_matrix_check_finds_the_first_bad_value_and_passes_good_rows()
    {
        var data = SyntheticRegression.Generate(1_000, 4, 0.1f, seed: 3).Data;
        Assert.Null(TrainingDataChecks.FindProblem(data, "generated"));

        data.Features[517 * 4 + 2] = float.PositiveInfinity;
        data.Features[900 * 4 + 1] = float.NaN;
        Assert.Equal("generated: column 'f2' holds Infinity in row 518 of 1000; features and labels must be finite numbers.",
            TrainingDataChecks.FindProblem(data, "generated"));
        Assert.Equal("generated: column 'f2' holds Infinity in partition row 518; features and labels must be finite numbers.",
            TrainingDataChecks.FindProblem(data, "generated", where: r => $"in partition row {r + 1}"));

        var empty = new FeatureMatrix([], [], 3);
        Assert.Equal("t: no rows to train on.", Assert.Throws<InvalidDataException>(() => TrainingDataChecks.Check(empty, "t")).Message);
    }

    private static async Task WriteParquet(string path, ParquetSchema schema, params Func<ParquetRowGroupWriter, Task>[] groups)
    {
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, file);
        foreach (var write in groups)
        {
            using var group = writer.CreateRowGroup();
            await write(group);
        }
    }
}
