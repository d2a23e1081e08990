using OrleansFlow.ML.Data;
using OrleansFlow.ML.Models;

namespace OrleansFlow.ML.Tests;

/// <summary>Every model's analytic gradient against central finite differences of its own loss.</summary>
public sealed class GradientCheckTests
{
    [Fact]
    public void Multilayer_perceptron_gradient_matches_finite_differences()
    {
        var model = new MultilayerPerceptron([5, 6, 4, 3]);
        var data = SyntheticClassification.Blobs(9, 5, 3, seed: 11);
        CheckGradient(model, data.AsShard(), seed: 3);
    }

    [Fact]
    public void Linear_regression_gradient_matches_finite_differences()
    {
        var data = SyntheticRegression.Generate(20, 4, 0.5f, seed: 2).Data;
        CheckGradient(new LinearRegressionModel(4), data.AsShard(), seed: 3, randomStart: true);
    }

    [Fact]
    public void Logistic_regression_gradient_matches_finite_differences()
    {
        var data = SyntheticClassification.Separable(20, 4, 0.1f, seed: 5);
        CheckGradient(new LogisticRegressionModel(4), data.AsShard(), seed: 3, randomStart: true);
    }

    [Fact]
    public void Out_of_range_class_label_names_the_row()
    {
        var model = MultilayerPerceptron.SoftmaxRegression(2, 3);
        var data = new FeatureMatrix([1, 2, 3, 4], [0, 7], 2);
        var error = Assert.Throws<ArgumentException>(() => model.ComputeGradient(data.AsShard(), new float[model.ParameterCount], new float[model.ParameterCount]));
        Assert.Contains("Row 1 has label 7", error.Message, StringComparison.Ordinal);
    }

    private static void CheckGradient(IGradientModel model, DataShard shard, int seed, bool randomStart = false)
    {
        var parameters = new float[model.ParameterCount];
        if (randomStart)
        {
            var random = new Random(seed);
            for (var i = 0; i < parameters.Length; i++)
                parameters[i] = (float)(random.NextDouble() - 0.5);
        }
        else
            model.InitializeParameters(parameters, seed);

        var gradient = new float[model.ParameterCount];
        model.ComputeGradient(shard, parameters, gradient);
        var scratch = new float[model.ParameterCount];
        const float step = 1e-3f;
        for (var i = 0; i < parameters.Length; i++)
        {
            var original = parameters[i];
            parameters[i] = original + step;
            var plus = model.ComputeGradient(shard, parameters, scratch).MeanLoss;
            parameters[i] = original - step;
            var minus = model.ComputeGradient(shard, parameters, scratch).MeanLoss;
            parameters[i] = original;
            var numeric = (plus - minus) / (2 * step);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 2e-3 + 2e-2 * Math.Abs(numeric),
                $"parameter {i}: analytic {gradient[i]}, numeric {numeric}");
        }
    }
}
