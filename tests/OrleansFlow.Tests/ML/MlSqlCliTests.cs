using System.Text.Json;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.ML;

/// <summary><c>orleansflow ml linreg --sql "QUERY" --data DIR</c> on an embedded silo.</summary>
public sealed class MlSqlCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Linreg_on_a_query_prints_the_coefficients_of_least_squares_over_the_same_rows()
    {
        using var tables = new SalesTables(Path.Combine(_folder.Path, "data"));
        const string query = "SELECT s.qty, s.price, s.discount, r.factor, s.y FROM sales s JOIN regions r ON s.region = r.name WHERE s.region <> 'north'";
        var run = await CliProcess.RunAsync("ml", "linreg", "--sql", query, "--data", tables.Folder, "--epochs", "12", "--workers", "2",
            "--optimizer", "sgd", "--lr", "0.01", "--lr-decay", "0.8", "--batch", "128", "--json", "--quiet");
        Assert.True(run.ExitCode == 0, run.Output);

        using var json = JsonDocument.Parse(run.Stdout);
        float[] trained = [.. json.RootElement.GetProperty("coefficients").EnumerateArray().Select(e => e.GetSingle()), json.RootElement.GetProperty("intercept").GetSingle()];
        var reference = LeastSquaresReference.Solve(tables.Rows(query));
        Assert.Equal(reference.Length, trained.Length);
        for (var j = 0; j < reference.Length; j++)
            Assert.InRange(trained[j], reference[j] - 0.03, reference[j] + 0.03);
    }

    [Fact]
    public async Task Malformed_sql_is_one_line_with_the_parsers_line_and_column()
    {
        using var tables = new SalesTables(Path.Combine(_folder.Path, "data"));
        var run = await CliProcess.RunAsync("ml", "linreg", "--sql", "SELECT qty, y\nFROM sales WHERE", "--data", tables.Folder, "--quiet");
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("2:17: ", line);
    }
}
