using OrleansFlow.ML.Data;
using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;

namespace OrleansFlow.ML.Tests;

public sealed class ClassificationTests(ITestOutputHelper output)
{
    [Fact]
    public void Logistic_regression_matches_mlnet_on_separable_data()
    {
        var (train, test) = SyntheticClassification.Separable(5000, 10, margin: 0.3f, seed: 8).SplitTrainTest(0.2, seed: 2);
        var model = new LogisticRegressionModel(10);
        var options = new TrainingOptions(Epochs: 10, BatchSize: 32, new AdamOptions(0.05f), Workers: 2);
        var parameters = new DataParallelTrainer(model, options).Train(train).Parameters;
        var ours = ModelEvaluation.Accuracy(model, parameters, test.AsShard());
        var theirs = MlNetReference.LogisticRegressionAccuracy(train, test);
        output.WriteLine($"binary accuracy: OrleansFlow {ours:P2}, ML.NET L-BFGS {theirs:P2}");
        Assert.True(ours >= 0.99, $"OrleansFlow accuracy {ours:P2} on separable data");
        Assert.True(ours >= theirs - 0.005, $"OrleansFlow accuracy {ours:P2}, ML.NET L-BFGS {theirs:P2}");
    }

    [Fact]
    public void Softmax_regression_matches_mlnet_on_blobs()
    {
        var (train, test) = SyntheticClassification.Blobs(6000, 6, classes: 5, seed: 9).SplitTrainTest(0.2, seed: 3);
        var model = MultilayerPerceptron.SoftmaxRegression(6, 5);
        var options = new TrainingOptions(Epochs: 10, BatchSize: 64, new AdamOptions(0.02f), Workers: 2);
        var parameters = new DataParallelTrainer(model, options).Train(train).Parameters;
        var ours = ModelEvaluation.Accuracy(model, parameters, test.AsShard());
        var theirs = MlNetReference.SoftmaxRegressionAccuracy(train, test);
        output.WriteLine($"5-class accuracy: OrleansFlow {ours:P2}, ML.NET L-BFGS maximum entropy {theirs:P2}");
        Assert.True(ours >= theirs - 0.01, $"OrleansFlow accuracy {ours:P2}, ML.NET L-BFGS maximum entropy {theirs:P2}");
        Assert.True(ours >= 0.9, $"OrleansFlow accuracy {ours:P2}");
    }

    [Fact]
    public void Binary_labels_other_than_zero_or_one_are_rejected()
    {
        var data = new FeatureMatrix([1, 2, 3, 4], [0, 2], 2);
        var model = new LogisticRegressionModel(2);
        var error = Assert.Throws<ArgumentException>(() => model.ComputeGradient(data.AsShard(), new float[3], new float[3]));
        Assert.Contains("Row 1 has label 2", error.Message, StringComparison.Ordinal);
    }
}
