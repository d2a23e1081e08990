using Apache.Arrow;
using Apache.Arrow.Types;
using OrleansFlow.ML.Data;
using Parquet;
using Parquet.Schema;

namespace OrleansFlow.ML.Tests;

public sealed class TabularReaderTests
{
    [Fact]
    public void Csv_numeric_columns_become_features_and_the_last_is_the_label()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("t.csv"), "id,name,x1,x2,y\n1,\"Smith, J\",0.5,-2,10\n\n2,Lee,1.5,3e1,20\n");
        var data = CsvFeatureReader.Read(folder.File("t.csv"));
        Assert.Equal(["id", "x1", "x2"], data.FeatureNames);
        Assert.Equal("y", data.LabelName);
        Assert.Equal([1f, 0.5f, -2f, 2f, 1.5f, 30f], data.Features);
        Assert.Equal([10f, 20f], data.Labels);

        var byName = CsvFeatureReader.Read(folder.File("t.csv"), label: "x1");
        Assert.Equal(["id", "x2", "y"], byName.FeatureNames);
        Assert.Equal([0.5f, 1.5f], byName.Labels);
    }

    [Fact]
    public void Csv_errors_name_file_line_and_column()
    {
        using var folder = new TempFolder();
        var path = folder.File("bad.csv");
        File.WriteAllText(path, "a,b,y\n1,2,3\n4,5,6\n7,oops,9\n");
        var error = Assert.Throws<InvalidDataException>(() => CsvFeatureReader.Read(path));
        Assert.StartsWith($"{path}:4:2: column 'b' holds 'oops'", error.Message, StringComparison.Ordinal);

        File.WriteAllText(path, "a,b,y\n1,2,3\n4,5\n");
        Assert.Equal($"{path}:3: 2 fields, but the header has 3 columns.", Assert.Throws<InvalidDataException>(() => CsvFeatureReader.Read(path)).Message);

        File.WriteAllText(path, "a,b,y\n1,2,3\n");
        Assert.Contains("label column 'price' not found (columns: a, b, y)", Assert.Throws<InvalidDataException>(() => CsvFeatureReader.Read(path, "price")).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => CsvFeatureReader.Read(folder.File("absent.csv")));
    }

    [Fact]
    public async Task Parquet_numeric_columns_of_any_width_are_read()
    {
        using var folder = new TempFolder();
        var path = folder.File("t.parquet");
        var a = new DataField("a", typeof(double), isNullable: false);
        var b = new DataField("b", typeof(int), isNullable: false);
        var name = new DataField("name", typeof(string), isNullable: true);
        var label = new DataField("label", typeof(long), isNullable: true);
        await WriteParquet(path, new ParquetSchema(a, b, name, label), async group =>
        {
            await group.WriteAsync<double>(a, new double[] { 1.5, -2.25, 4 });
            await group.WriteAsync<int>(b, new[] { 7, 8, 9 });
            await group.WriteAsync(name, new[] { "p", "q", "r" });
            await group.WriteAsync<long>(label, new long?[] { 1, 0, 1 });
        });

        var data = await ParquetFeatureReader.ReadAsync(path);
        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal("label", data.LabelName);
        Assert.Equal([1.5f, 7f, -2.25f, 8f, 4f, 9f], data.Features);
        Assert.Equal([1f, 0f, 1f], data.Labels);

        await WriteParquet(path, new ParquetSchema(a, b, name, label), async group =>
        {
            await group.WriteAsync<double>(a, new double[] { 1, 2 });
            await group.WriteAsync<int>(b, new[] { 1, 2 });
            await group.WriteAsync(name, new[] { "p", "q" });
            await group.WriteAsync<long>(label, new long?[] { 1, null });
        });
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ParquetFeatureReader.ReadAsync(path));
        Assert.Contains("column 'label' is null at row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arrow_batches_become_one_matrix()
    {
        var schema = new Schema.Builder()
            .Field(f => f.Name("x").DataType(FloatType.Default).Nullable(false))
            .Field(f => f.Name("tag").DataType(StringType.Default))
            .Field(f => f.Name("n").DataType(Int64Type.Default))
            .Field(f => f.Name("target").DataType(DoubleType.Default))
            .Build();
        RecordBatch Batch(float[] x, long[] n, double[] target) => new(schema,
        [
            new FloatArray.Builder().AppendRange(x).Build(),
            new StringArray.Builder().AppendRange(x.Select(v => $"t{v}")).Build(),
            new Int64Array.Builder().AppendRange(n).Build(),
            new DoubleArray.Builder().AppendRange(target).Build(),
        ], x.Length);

        var data = ArrowFeatureReader.Read([Batch([1f, 2f], [10, 20], [0.5, 1.5]), Batch([3f], [30], [2.5])]);
        Assert.Equal(["x", "n"], data.FeatureNames);
        Assert.Equal([1f, 10f, 2f, 20f, 3f, 30f], data.Features);
        Assert.Equal([0.5f, 1.5f, 2.5f], data.Labels);

        var byName = ArrowFeatureReader.Read([Batch([1f], [10], [0.5])], label: "x");
        Assert.Equal(["n", "target"], byName.FeatureNames);

        var withNull = new RecordBatch(schema,
        [
            new FloatArray.Builder().AppendRange([1f, 2f]).Build(),
            new StringArray.Builder().AppendRange(["a", "b"]).Build(),
            new Int64Array.Builder().Append(1).AppendNull().Build(),
            new DoubleArray.Builder().AppendRange([0.5, 1.5]).Build(),
        ], 2);
        var error = Assert.Throws<InvalidDataException>(() => ArrowFeatureReader.Read([Batch([1f], [10], [0.5]), withNull], source: "sql stage 3"));
        Assert.Equal("sql stage 3: column 'n' is null at row 2; features and labels must have values.", error.Message);
    }

    private static async Task WriteParquet(string path, ParquetSchema schema, Func<ParquetRowGroupWriter, Task> write)
    {
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, file);
        using var group = writer.CreateRowGroup();
        await write(group);
    }
}
