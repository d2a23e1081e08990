using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Client;
using OrleansFlow.Jobs.ML;
using OrleansFlow.ML.Data;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.ML;

public sealed class ShardLostMidEpochTests
{
    /// <summary>Long enough for the shard's silo to be declared dead and the epoch to run again; far shorter than the
    /// shards' 5-minute barrier timeout, which is how long the job hung before the fix.</summary>
    private static readonly TimeSpan JobDeadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Killing_the_silo_of_a_parameter_shard_after_one_worker_finished_its_part_of_the_epoch_reruns_the_epoch_with_every_worker()
    {
        using var folder = new TempFolder();
        await using var cluster = await FabricCluster.StartAsync(2, Path.Combine(folder.Path, "work"), "--slots", "2", "--memory", "128m");
        var (client, silos) = (cluster.Client, cluster.Silos);
        // Worker 0 has a fortieth of the rows: in BSP it finishes its part of each epoch long before worker 1, which
        // then runs 19 000 steps alone (seconds, not the fraction of a second 2 000 steps took: with a short
        // window, worker 1 could finish and the epoch be checkpointed between reading the progress and the kill).
        // Two workers fit the surviving silo's two slots.
        var parameters = new MlArgs
        {
            Model = "linreg", Source = "generate", Rows = 640_000, Features = 8, Noise = 0.1f, Epochs = 3, Workers = 2,
            PartitionWeights = [1, 39], BatchSize = 32, Shards = 1, Optimizer = OptimizerKind.SgdMomentum,
            LearningRate = 0.01f, Seed = 37,
        };
        var job = await client.SubmitAsync(parameters, new SubmitOptions { Name = "linreg" });
        var shard = client.Orleans.GetGrain<IParameterShardGrain>(IParameterShardGrain.KeyOf(job.JobId, 0));
        var management = client.Orleans.GetGrain<IManagementGrain>(0);
        using var deadline = new CancellationTokenSource(JobDeadline);
        // Listening starts before the kill (the stream's subscription may live on the silo that dies).
        var waiting = job.WaitAsync(cancellationToken: deadline.Token);

        // The moment: epoch 2, worker 0 done with its rows, worker 1 still pushing.
        await Eventually.TrueAsync(async () => await shard.GetProgress() is { Epoch: 2, FinishedWorkers: 1 },
            TimeSpan.FromSeconds(90), "one of two workers finished its part of epoch 2");
        var address = await management.GetActivationAddress(shard)
            ?? throw new InvalidOperationException("the parameter shard is not active in epoch 2");
        var victim = silos.Single(s => s.SiloPort == address.Endpoint.Port);
        var progressAtKill = await shard.GetProgress();
        var killedAt = DateTimeOffset.UtcNow;
        await victim.Process.KillAsync();
        Assert.Equal(1, progressAtKill.CompletedEpoch); // epoch 2 was under way, not complete

        JobResult result;
        try
        {
            result = await waiting;
        }
        catch (OperationCanceledException)
        {
            var info = await job.GetInfoAsync();
            throw new TimeoutException($"the job hung after the shard's silo died: {string.Join(", ", info.Stages.Select(s => $"{s.Name} {s.CompletedTasks}/{s.TotalTasks}"))}");
        }
        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        // Both workers of epoch 2 ran again, the one that had finished too: the epoch restarted from the checkpoint.
        var epoch2 = result.Tasks.Where(t => t.Stage == "epoch 2").ToList();
        Assert.Equal(2, epoch2.Count);
        Assert.All(epoch2, t => Assert.True(t.StartedAt > killedAt, $"worker {t.TaskIndex} of epoch 2 started before the kill"));
        Assert.All(epoch2, t => Assert.NotEqual(victim.SiloPort, SiloPortOf(t.Silo)));
        // BSP applies one update per step of the longest partition (624 000 rows / 32): epoch 2's partial updates
        // were dropped with the shard, and the re-run epoch counted once.
        Assert.Equal(3 * 19_500, (await job.CallAsync(_ => shard.GetProgress())).Version);

        // After a silo's loss: through the handle's failover, as the CLI does.
        var summary = await job.CallAsync(c => c.GetGrain<ITrainingMetricsGrain>(job.JobId).GetSummary());
        var truth = SyntheticRegression.Generate(1, parameters.Features, 0f, parameters.Seed);
        float[] expected = [.. truth.Coefficients, truth.Intercept];
        for (var j = 0; j < expected.Length; j++)
            Assert.InRange(summary.Evaluation!.Parameters[j], expected[j] - 0.03f, expected[j] + 0.03f);
        Assert.InRange(summary.Evaluation!.Loss, 0.008, 0.0125);
        Assert.Equal(Enumerable.Range(1, parameters.Epochs), summary.Epochs.Select(m => m.Epoch));
    }

    private static int SiloPortOf(string silo) => SiloAddress.FromParsableString(silo).Endpoint.Port;
}
