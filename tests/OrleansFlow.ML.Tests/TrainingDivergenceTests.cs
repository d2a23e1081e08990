using OrleansFlow.ML.Data;
using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;

namespace OrleansFlow.ML.Tests;

/// <summary>Training whose loss or parameters stop being finite fails naming the epoch, rather than returning a NaN model.</summary>
public sealed class TrainingDivergenceTests
{
    [Fact]
    public void Training_that_diverges_fails_naming_the_epoch_instead_of_returning_a_nan_model()
    {
        var data = SyntheticRegression.Generate(2_000, 4, 0.1f, seed: 7).Data;
        var model = new LinearRegressionModel(4);
        var reported = new List<int>();
        var options = new TrainingOptions(Epochs: 3, BatchSize: 64, new SgdMomentumOptions(1e6f), Workers: 2, MaxThreads: 1);

        var error = Assert.Throws<TrainingDivergedException>(() => new DataParallelTrainer(model, options).Train(data, onEpoch: (e, _) => reported.Add(e.Epoch)));

        Assert.Equal(1, error.Epoch);
        Assert.Equal("training diverged in epoch 1: the loss or the model's parameters became NaN or infinite; try a learning rate lower than 1000000.", error.Message);
        Assert.Empty(reported); // the diverged epoch is not reported as if it had trained

        // A sane learning rate on the same rows trains as before.
        var trained = new DataParallelTrainer(model, options with { Optimizer = new SgdMomentumOptions(0.01f) }).Train(data);
        Assert.All(trained.Epochs, e => Assert.True(double.IsFinite(e.MeanLoss)));
    }
}
