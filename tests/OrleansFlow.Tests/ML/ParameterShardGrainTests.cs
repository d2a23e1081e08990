using OrleansFlow.Abstractions.ML;
using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.ML;

/// <summary>The shard grain's two modes, driven directly with hand-made gradients.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ParameterShardGrainTests(ClusterFixture fixture)
{
    private IParameterShardGrain NewShard() =>
        fixture.Client.Orleans.GetGrain<IParameterShardGrain>(IParameterShardGrain.KeyOf($"test-{Guid.NewGuid():N}", 0));

    [Fact]
    public async Task Bsp_releases_a_step_only_when_every_worker_pushed_and_applies_the_sample_weighted_average_once()
    {
        float[] initial = [1f, -2f, 0.5f];
        var config = new ParameterShardConfig(0, 3, Workers: 2, SyncMode.Bsp, Staleness: 0, OptimizerKind.SgdMomentum, LearningRate: 0.1f);
        var shard = NewShard();
        await shard.Initialize(config, initial);

        float[] g0 = [1f, 2f, 3f], g1 = [-1f, 0f, 5f];
        var first = shard.Push(new GradientPush(1, 0, 0, g0, 0.5, 30));
        // Nothing is applied, and the first push cannot be answered, before the second worker pushes.
        Assert.Equal(0, (await shard.Pull()).Version);
        Assert.False(first.IsCompleted);
        var second = await shard.Push(new GradientPush(1, 1, 0, g1, 0.7, 10));
        var firstAnswer = await first;

        // The reference: the library's shard given the same two gradients.
        var reference = new ParameterServerShard(new ParameterRange(0, 3), initial, new SgdMomentumOptions(0.1f));
        reference.Push(g0, new GradientResult(0.5, 30));
        reference.Push(g1, new GradientResult(0.7, 10));
        reference.ApplyPending();
        Assert.Equal(1, second.Version);
        Assert.Equal(reference.Values.ToArray(), second.Values);
        Assert.Equal(second.Values, firstAnswer.Values);

        // A worker replaying step 0 (a retried task) is answered at once and changes nothing.
        var replay = await shard.Push(new GradientPush(1, 0, 0, [100f, 100f, 100f], 9, 99));
        Assert.Equal(reference.Values.ToArray(), replay.Values);
    }

    [Fact]
    public async Task Async_applies_each_push_and_holds_a_worker_that_runs_more_than_the_staleness_bound_ahead()
    {
        var config = new ParameterShardConfig(0, 2, Workers: 2, SyncMode.Async, Staleness: 1, OptimizerKind.SgdMomentum, LearningRate: 0.1f);
        var shard = NewShard();
        await shard.Initialize(config, [0f, 0f]);

        // Worker 0, step 0: one step ahead of worker 1 (still at 0) is within the bound.
        Assert.Equal(1, (await shard.Push(new GradientPush(1, 0, 0, [1f, 1f], 1, 8))).Version);
        // Step 1 would be two ahead: applied, but the answer waits for worker 1.
        var held = shard.Push(new GradientPush(1, 0, 1, [1f, 1f], 1, 8));
        // (Calls are not ordered: wait until the held push has been applied, then see that it is still held.)
        await Eventually.TrueAsync(async () => (await shard.Pull()).Version == 2, TimeSpan.FromSeconds(10), "the held push applied");
        Assert.False(held.IsCompleted);
        Assert.Equal(3, (await shard.Push(new GradientPush(1, 1, 0, [1f, 1f], 1, 8))).Version);
        Assert.Equal(3, (await held).Version);

        // Once worker 1 has finished the epoch, worker 0 is bounded by nobody; worker 1 stays in the epoch (its
        // FinishEpoch unanswered) until the last worker finished and the shard checkpointed.
        var finished = shard.FinishEpoch(1, 1);
        await Eventually.TrueAsync(async () => (await shard.GetProgress()).FinishedWorkers == 1, TimeSpan.FromSeconds(10), "worker 1 finished");
        Assert.Equal(4, (await shard.Push(new GradientPush(1, 0, 2, [1f, 1f], 1, 8))).Version);
        Assert.Equal(5, (await shard.Push(new GradientPush(1, 0, 3, [1f, 1f], 1, 8))).Version);
        Assert.False(finished.IsCompleted);
        Assert.Equal(0, (await shard.GetProgress()).CompletedEpoch);
        await shard.FinishEpoch(1, 0);
        await finished;
        Assert.Equal(new ParameterShardProgress(1, 0, 2, 1, 5), await shard.GetProgress());
    }
}
