using OrleansFlow.ML.Data;
using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;

namespace OrleansFlow.ML.Tests;

public sealed class LinearRegressionTests(ITestOutputHelper output)
{
    // 20 000 rows, noise σ = 0.1: the standard error of each coefficient is about σ/√n ≈ 0.0007.
    private static readonly SyntheticRegression Generated = SyntheticRegression.Generate(20_000, 8, 0.1f, seed: 42);

    [Fact]
    public void Normal_equations_recover_known_coefficients_within_0_005()
    {
        var parameters = NormalEquations.Fit(Generated.Data);
        for (var j = 0; j < Generated.Coefficients.Length; j++)
            Assert.InRange(parameters[j], Generated.Coefficients[j] - 0.005f, Generated.Coefficients[j] + 0.005f);
        Assert.InRange(parameters[^1], Generated.Intercept - 0.005f, Generated.Intercept + 0.005f);
    }

    [Fact]
    public void Mini_batch_sgd_recovers_known_coefficients_within_0_02()
    {
        var model = new LinearRegressionModel(8);
        var options = new TrainingOptions(Epochs: 3, BatchSize: 64, new SgdMomentumOptions(0.01f, 0.9f), Workers: 2, LearningRateDecay: 0.3f);
        var parameters = new DataParallelTrainer(model, options).Train(Generated.Data).Parameters;
        for (var j = 0; j < Generated.Coefficients.Length; j++)
            Assert.InRange(parameters[j], Generated.Coefficients[j] - 0.02f, Generated.Coefficients[j] + 0.02f);
        Assert.InRange(parameters[^1], Generated.Intercept - 0.02f, Generated.Intercept + 0.02f);
    }

    [Fact]
    public void Mse_is_within_one_percent_of_mlnet_sdca()
    {
        var (train, test) = Generated.Data.SplitTrainTest(0.2, seed: 1);
        var model = new LinearRegressionModel(8);
        var parameters = NormalEquations.Fit(train);
        var ours = ModelEvaluation.MeanSquaredError(model, parameters, test.AsShard());
        var theirs = MlNetReference.SdcaRegressionMse(train, test);
        output.WriteLine($"held-out MSE: OrleansFlow normal equations {ours:F6}, ML.NET SDCA {theirs:F6}");
        Assert.True(Math.Abs(ours - theirs) <= 0.01 * theirs, $"OrleansFlow MSE {ours}, ML.NET SDCA MSE {theirs}");
        // Noise variance is 0.01, which is what an exact fit leaves on held-out rows (±0.001 is 4.5 standard errors at 4 000 rows).
        Assert.InRange(ours, 0.009, 0.011);
    }

    [Fact]
    public void Generated_data_repeats_for_the_same_seed()
    {
        // More than one generation block, so the per-block seeding is exercised.
        var first = SyntheticRegression.Generate(70_000, 2, 0.1f, seed: 9);
        var second = SyntheticRegression.Generate(70_000, 2, 0.1f, seed: 9);
        Assert.Equal(first.Data.Features, second.Data.Features);
        Assert.Equal(first.Data.Labels, second.Data.Labels);
        Assert.NotEqual(first.Data.Labels, SyntheticRegression.Generate(70_000, 2, 0.1f, seed: 10).Data.Labels);
    }

    [Fact]
    public void Merged_shard_sums_solve_like_the_whole()
    {
        var whole = new NormalEquations(8);
        whole.Accumulate(Generated.Data.AsShard());
        var shards = Generated.Data.Partition(3);
        var merged = new NormalEquations(8);
        foreach (var shard in shards)
        {
            var part = new NormalEquations(8);
            part.Accumulate(shard);
            merged.Merge(part);
        }
        Assert.Equal(whole.Rows, merged.Rows);
        var expected = whole.Solve();
        var actual = merged.Solve();
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 5);
    }

    [Fact]
    public void Collinear_feature_is_named()
    {
        var features = new float[40 * 3];
        var labels = new float[40];
        var random = new Random(3);
        for (var r = 0; r < 40; r++)
        {
            features[r * 3] = (float)random.NextDouble();
            features[r * 3 + 1] = (float)random.NextDouble();
            features[r * 3 + 2] = 2 * features[r * 3] - features[r * 3 + 1];
            labels[r] = features[r * 3];
        }
        var data = new FeatureMatrix(features, labels, 3, ["price", "qty", "combo"]);
        var error = Assert.Throws<InvalidOperationException>(() => NormalEquations.Fit(data));
        Assert.Contains("feature 'combo' (column 2)", error.Message, StringComparison.Ordinal);
        // A ridge penalty makes the same system solvable.
        Assert.Equal(4, NormalEquations.Fit(data, ridge: 1e-3).Length);
    }
}
