using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansFlow.ML.Data;
using OrleansFlow.ML.Training;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.ML;

public sealed class MlCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Linreg_on_a_csv_prints_json_coefficients_matching_the_closed_form_fit_and_saves_the_model()
    {
        var data = SyntheticRegression.Generate(6_000, 3, 0.1f, seed: 41);
        var csv = Path.Combine(_folder.Path, "table.csv");
        WriteCsv(csv, data.Data);
        var modelFile = Path.Combine(_folder.Path, "model.ofml");

        var run = await CliProcess.RunAsync("ml", "linreg", "--data", csv, "--label", "y", "--epochs", "5", "--workers", "2",
            "--optimizer", "sgd", "--lr", "0.02", "--batch", "32", "--json", "--quiet", "--model-out", modelFile);
        Assert.True(run.ExitCode == 0, run.Output);

        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        var coefficients = root.GetProperty("coefficients").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var intercept = root.GetProperty("intercept").GetSingle();
        // The reference: least squares in closed form (normal equations) on the same rows.
        var exact = NormalEquations.Fit(data.Data);
        for (var j = 0; j < 3; j++)
            Assert.InRange(coefficients[j], exact[j] - 0.02f, exact[j] + 0.02f);
        Assert.InRange(intercept, exact[3] - 0.02f, exact[3] + 0.02f);
        Assert.Equal(2, root.GetProperty("cache").GetProperty("sourceReads").GetInt64());
        Assert.Equal(8, root.GetProperty("cache").GetProperty("cacheHits").GetInt64());
        Assert.Equal(5, root.GetProperty("epochLosses").GetArrayLength());
        Assert.True(File.Exists(modelFile));
    }

    [Fact]
    public async Task A_missing_label_column_is_one_line_naming_the_file_and_the_columns()
    {
        var csv = Path.Combine(_folder.Path, "t.csv");
        File.WriteAllText(csv, "a,b\n1,2\n3,4\n");
        var run = await CliProcess.RunAsync("ml", "linreg", "--data", csv, "--label", "zz", "--workers", "1", "--quiet");
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{csv}: label column 'zz' not found (columns: a, b)", line);
    }

    private static void WriteCsv(string path, FeatureMatrix data)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', data.FeatureNames.Append("y")));
        for (var r = 0; r < data.Rows; r++)
        {
            foreach (var v in data.Row(r))
                text.Append(v.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            text.AppendLine(data.Labels[r].ToString("R", CultureInfo.InvariantCulture));
        }
        File.WriteAllText(path, text.ToString());
    }
}
