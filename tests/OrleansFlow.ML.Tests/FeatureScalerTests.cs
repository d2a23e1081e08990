using OrleansFlow.ML.Data;
using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;

namespace OrleansFlow.ML.Tests;

public sealed class FeatureScalerTests
{
    [Fact]
    public void Standardised_columns_have_zero_mean_and_unit_variance()
    {
        var raw = Skewed(SyntheticClassification.Blobs(500, 3, 2, seed: 1));
        var scaled = FeatureScaler.Fit(raw).Transform(raw);
        for (var j = 0; j < 3; j++)
        {
            var column = Enumerable.Range(0, scaled.Rows).Select(r => (double)scaled.Row(r)[j]).ToArray();
            Assert.Equal(0, column.Average(), 4);
            Assert.Equal(1, column.Select(v => v * v).Average(), 3);
        }
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("linear")]
    public void Folded_parameters_predict_on_raw_features_like_the_originals_on_scaled_ones(string kind)
    {
        var raw = Skewed(SyntheticClassification.Blobs(200, 3, 3, seed: 2));
        var scaler = FeatureScaler.Fit(raw);
        var scaled = scaler.Transform(raw);
        IGradientModel model = kind == "mlp" ? new MultilayerPerceptron([3, 5, 3]) : new LinearRegressionModel(3);
        var parameters = new float[model.ParameterCount];
        var random = new Random(4);
        for (var i = 0; i < parameters.Length; i++)
            parameters[i] = (float)(random.NextDouble() - 0.5);

        var folded = scaler.FoldInto(model, parameters);
        var onScaled = new float[raw.Rows];
        var onRaw = new float[raw.Rows];
        model.Predict(scaled.AsShard(), parameters, onScaled);
        model.Predict(raw.AsShard(), folded, onRaw);
        for (var r = 0; r < raw.Rows; r++)
            Assert.True(Math.Abs(onScaled[r] - onRaw[r]) <= 1e-3f * Math.Max(1, Math.Abs(onScaled[r])), $"row {r}: scaled {onScaled[r]}, raw {onRaw[r]}");
    }

    [Fact]
    public void Sgd_on_wildly_scaled_columns_works_once_standardised()
    {
        var raw = Skewed(SyntheticClassification.Blobs(3000, 3, 3, seed: 3));
        var scaler = FeatureScaler.Fit(raw);
        var model = MultilayerPerceptron.SoftmaxRegression(3, 3);
        var options = new TrainingOptions(5, 32, new SgdMomentumOptions(0.05f), Workers: 2);
        var parameters = scaler.FoldInto(model, new DataParallelTrainer(model, options).Train(scaler.Transform(raw)).Parameters);
        Assert.True(ModelEvaluation.Accuracy(model, parameters, raw.AsShard()) >= 0.95);
    }

    /// <summary>Columns scaled by 1e4, 1 and 1e-3 and shifted, like prices, counts and rates side by side.</summary>
    private static FeatureMatrix Skewed(FeatureMatrix data)
    {
        float[] scale = [1e4f, 1f, 1e-3f];
        float[] shift = [5e4f, -3f, 0.2f];
        var features = (float[])data.Features.Clone();
        for (var i = 0; i < features.Length; i++)
            features[i] = features[i] * scale[i % 3] + shift[i % 3];
        return new FeatureMatrix(features, data.Labels, 3);
    }
}
