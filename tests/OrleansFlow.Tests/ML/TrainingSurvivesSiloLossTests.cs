using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Client;
using OrleansFlow.Jobs.ML;
using OrleansFlow.ML.Data;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.ML;

public sealed class TrainingSurvivesSiloLossTests
{
    [Fact]
    public async Task Killing_the_silo_of_a_parameter_shard_between_epochs_resumes_from_its_checkpoint_and_still_recovers_the_coefficients()
    {
        using var folder = new TempFolder();
        await using var cluster = await FabricCluster.StartAsync(3, Path.Combine(folder.Path, "work"), "--slots", "2", "--memory", "128m");
        var (client, silos) = (cluster.Client, cluster.Silos);
        // Two workers: after the loss the two remaining silos still have a slot for each (BSP needs them all at once).
        var parameters = new MlArgs
        {
            Model = "linreg", Source = "generate", Rows = 40_000, Features = 8, Noise = 0.1f, Epochs = 5, Workers = 2,
            BatchSize = 128, Shards = 1, Optimizer = OptimizerKind.SgdMomentum, LearningRate = 0.02f, Seed = 31,
        };
        var job = await client.SubmitAsync(parameters, new SubmitOptions { Name = "linreg" });
        var shard = client.Orleans.GetGrain<IParameterShardGrain>(IParameterShardGrain.KeyOf(job.JobId, 0));
        var management = client.Orleans.GetGrain<IManagementGrain>(0);
        SiloProcess? victim = null;
        var result = await job.WaitAsync(onEvent: e =>
        {
            if (e.Type != JobEventType.StageCompleted || e.Stage != "epoch 2" || victim is not null)
                return;
            // The shard's silo dies (a crash) between epochs 2 and 3: the shard must come back from its checkpoint.
            var address = management.GetActivationAddress(shard).AsTask().GetAwaiter().GetResult()
                ?? throw new InvalidOperationException("the parameter shard is not active after epoch 2");
            victim = silos.Single(s => s.SiloPort == address.Endpoint.Port);
            victim.Process.KillAsync().GetAwaiter().GetResult();
        });

        Assert.NotNull(victim);
        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        // After a silo's loss: through the handle's failover, as the CLI does.
        var summary = await job.CallAsync(c => c.GetGrain<ITrainingMetricsGrain>(job.JobId).GetSummary());
        var evaluation = summary.Evaluation!;
        var truth = SyntheticRegression.Generate(1, parameters.Features, 0f, parameters.Seed);
        float[] expected = [.. truth.Coefficients, truth.Intercept];
        for (var j = 0; j < expected.Length; j++)
            Assert.InRange(evaluation.Parameters[j], expected[j] - 0.03f, expected[j] + 0.03f);
        Assert.InRange(evaluation.Loss, 0.008, 0.0125);
        Assert.Equal(Enumerable.Range(1, parameters.Epochs), summary.Epochs.Select(m => m.Epoch));
    }
}
