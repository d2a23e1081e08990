using System.Text.RegularExpressions;
using OrleansFlow.Tests.Infrastructure;
using Parquet;
using Parquet.Schema;

namespace OrleansFlow.Tests.ML;

/// <summary>
/// <c>orleansflow ml</c> on data it cannot train on, on the fabric (an embedded silo) and with <c>--local</c>: exit code 1
/// and one line on stderr saying what is wrong and where, never a NaN model and exit code 0. On the fabric the line is
/// the job's failure, so it names the job as well.
/// </summary>
public sealed partial class MlBadDataCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Nan_in_a_csv_feature_names_the_file_line_data_row_and_column(bool local)
    {
        var csv = _folder.File("t.csv", "a,b,y\n1,2,3\n4,5,6\n\n7,NaN,9\n10,11,12\n");
        await AssertFailsAsync(local, $"{csv}:5:2: column 'b' holds 'NaN' on line 5 (data row 3); features and labels must be finite numbers.",
            "ml", "linreg", "--data", csv, "--workers", "2", "--quiet");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_string_label_in_parquet_names_the_file_the_column_and_its_type(bool local)
    {
        var path = _folder.File("t.parquet");
        var x1 = new DataField("x1", typeof(double), isNullable: false);
        var x2 = new DataField("x2", typeof(double), isNullable: false);
        var kind = new DataField("kind", typeof(string), isNullable: true);
        await using (var file = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(x1, x2, kind), file))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(x1, new[] { 1.0, 2.0, 3.0, 4.0 });
            await group.WriteAsync<double>(x2, new[] { 0.5, 1.5, 2.5, 3.5 });
            await group.WriteAsync(kind, new[] { "cat", "dog", "cat", "dog" });
        }
        await AssertFailsAsync(local, $"{path}: the label column 'kind' (by default the last column) is String, not numeric (columns: x1, x2, kind).",
            "ml", "logreg", "--data", path, "--workers", "2", "--quiet");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_empty_csv_names_the_file(bool local)
    {
        var csv = _folder.File("empty.csv", "a,b,y\n");
        await AssertFailsAsync(local, $"{csv}: the header has no data rows under it.", "ml", "linreg", "--data", csv, "--workers", "2", "--quiet");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Training_that_diverges_names_the_epoch_and_asks_for_a_lower_learning_rate(bool local)
    {
        // Plain SGD steps of 1e6 × the gradient grow the weights by orders of magnitude each step: float32 overflows
        // within the first epoch's 16 steps, whatever the timing (the rows, the order and the steps are all seeded).
        await AssertFailsAsync(local,
            "training diverged in epoch 1: the loss or the model's parameters became NaN or infinite; try a learning rate lower than 1000000.",
            "ml", "linreg", "--generate", "2000", "--features", "4", "--optimizer", "sgd", "--lr", "1e6", "--batch", "64",
            "--epochs", "3", "--workers", "2", "--quiet");
    }

    private static async Task AssertFailsAsync(bool local, string message, params string[] args)
    {
        var run = await CliProcess.RunAsync(local ? [.. args, "--local"] : args);
        Assert.True(run.ExitCode == 1, run.Output);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        if (local)
            Assert.Equal($"error: {message}", line);
        else
        {
            var match = JobFailure().Match(line);
            Assert.True(match.Success, line);
            Assert.Equal(message, match.Groups["message"].Value);
        }
        Assert.Equal("", run.Stdout);
    }

    [GeneratedRegex(@"^error: job ml-(linreg|logreg|mlp)-\d{8}-\d{6}-[0-9a-f]{6} failed: (?<message>.*)$")]
    private static partial Regex JobFailure();
}
