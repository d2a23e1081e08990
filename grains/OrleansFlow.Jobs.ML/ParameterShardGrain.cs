using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using OrleansFlow.Abstractions;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;

namespace OrleansFlow.Jobs.ML;

/// <summary>
/// A <see cref="ParameterServerShard"/> behind a grain. Reentrant: BSP pushes wait for their step's barrier while
/// the other workers' pushes come in. Checkpointed to job storage when every worker has finished an epoch, so an
/// activation after a silo loss resumes from the last full epoch; workers stay in the epoch until it is checkpointed,
/// so after a loss all of them fail and the job re-runs the whole interrupted epoch.
/// </summary>
[Reentrant]
[CollectionAgeLimit(Hours = 4)]
public sealed class ParameterShardGrain(
    [PersistentState("ps", FlowNames.JobStorage)] IPersistentState<ParameterShardState> state,
    IBlockStoreProvider stores,
    ILogger<ParameterShardGrain> logger) : Grain, IParameterShardGrain
{
    private ParameterServerShard? _shard;
    // The answer for the current version, shared by every worker that asks (immutable once sent): one copy of the
    // range per update instead of one per worker and call.
    private ParameterPull? _current;
    // Publishing to blocks (ParameterShardConfig.Blocks): the answer for a version, and two blocks written alternately.
    // BSP makes that safe: version v+2 is written only after every worker pushed a step computed from v+1, that is
    // after every worker finished reading v.
    private (long Version, Task<ParameterPull> Answer)? _published;
    private readonly BlockDescriptor?[] _blocks = new BlockDescriptor?[2];
    private readonly byte[]?[] _blockBytes = new byte[]?[2];
    private readonly StepBarrier _barrier = new();

    /// <summary>
    /// How long a push waits for the other workers. They should be seconds apart; a wait this long means some never
    /// started (fewer free slots than workers), and failing the task says so instead of hanging the job.
    /// </summary>
    private static readonly TimeSpan BarrierTimeout = TimeSpan.FromMinutes(5);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State is { Config: { } config, Checkpoint: { } bytes })
        {
            var checkpoint = ParameterServerCheckpoint.FromBytes(bytes, $"parameter shard {this.GetPrimaryKeyString()}");
            _shard = ParameterServerShard.Restore(checkpoint, OptimizerFor(config));
            _barrier.Reset(config.Workers, state.State.CheckpointedEpoch + 1);
            logger.LogInformation("Parameter shard {Key} resumed after epoch {Epoch} (version {Version})",
                this.GetPrimaryKeyString(), state.State.CheckpointedEpoch, _shard.Version);
        }
        return Task.CompletedTask;
    }

    public async Task Initialize(ParameterShardConfig config, float[] initialValues)
    {
        if (_shard is not null)
            return;
        if (config.End - config.Start != initialValues.Length)
            throw new ArgumentException($"Parameter shard {this.GetPrimaryKeyString()}: range [{config.Start}, {config.End}) got {initialValues.Length} initial values.");
        if (config.Workers < 1)
            throw new ArgumentException($"Parameter shard {this.GetPrimaryKeyString()}: needs at least one worker (was {config.Workers}).");
        _shard = new ParameterServerShard(new ParameterRange(config.Start, config.End), initialValues, OptimizerFor(config));
        _barrier.Reset(config.Workers, 1);
        state.State.Config = config;
        state.State.Checkpoint = _shard.Checkpoint().ToBytes();
        state.State.CheckpointedEpoch = 0;
        await state.WriteStateAsync();
    }

    public Task<ParameterPull> Pull() => CurrentAsync();

    public async Task<ParameterPull> Push(GradientPush push)
    {
        var shard = Shard();
        var config = state.State.Config!;
        // Read first, before any barrier state is looked at, so the rest of the push runs in one turn as before.
        var gradient = push.Block is { } block ? await ReadGradientAsync(block, config) : push.Gradient;
        if (gradient.Length != shard.Range.Length)
            throw new ArgumentException($"Parameter shard {this.GetPrimaryKeyString()}: gradient of {gradient.Length} values for range {shard.Range}.");
        EnterEpoch(shard, config, push.Epoch);
        // A retried worker replays steps the others already applied: its gradient is stale, drop it and let it catch up.
        if (_barrier.IsStale(push.Epoch, push.Worker, push.Step, config.Mode == SyncMode.Bsp))
            return await CurrentAsync();
        if (push.Step > _barrier.Step && config.Mode == SyncMode.Bsp)
            throw new InvalidOperationException(
                $"Parameter shard {this.GetPrimaryKeyString()}: worker {push.Worker} pushed step {push.Step} of epoch {push.Epoch} while the shard is at step {_barrier.Step} (the shard restarted from its checkpoint; the task is retried).");

        if (config.Mode == SyncMode.Bsp)
        {
            if (_barrier.Arrive(push.Worker))
                shard.Push(gradient, new GradientResult(push.MeanLoss, push.Samples));
            TryCompleteStep(shard);
            await WaitForOthers(_barrier.WaitForStepAfter(push.Step), push.Worker, $"step {push.Step} of epoch {push.Epoch}");
        }
        else
        {
            shard.Push(gradient, new GradientResult(push.MeanLoss, push.Samples));
            shard.ApplyPending();
            _barrier.Advance(push.Worker, push.Step);
            await WaitForOthers(_barrier.WaitUntilWithin(push.Step, config.Staleness), push.Worker, $"step {push.Step} of epoch {push.Epoch}");
        }
        return await CurrentAsync();
    }

    public async Task FinishEpoch(int epoch, int worker)
    {
        var shard = Shard();
        EnterEpoch(shard, state.State.Config!, epoch);
        if (_barrier.Finish(epoch, worker))
        {
            TryCompleteStep(shard);
            if (_barrier.AllFinished && state.State.CheckpointedEpoch < epoch)
            {
                state.State.Checkpoint = shard.Checkpoint().ToBytes();
                state.State.CheckpointedEpoch = epoch;
                await state.WriteStateAsync();
                _barrier.CompleteEpoch(epoch);
            }
        }
        // The worker's task ends only once the epoch is complete and checkpointed here. If this shard is lost before
        // that, this call fails, so every worker's task fails and is retried and the whole epoch runs again from the
        // checkpoint. Returning earlier would let a worker's task succeed, and the job never re-runs a task that
        // succeeded: the restored shard would wait for it at every step.
        await WaitForOthers(_barrier.WaitForEpochEnd(epoch), worker, $"the end of epoch {epoch}");
    }

    public Task<ParameterShardProgress> GetProgress() => Task.FromResult(new ParameterShardProgress(
        _barrier.Epoch, _barrier.Step, _barrier.FinishedCount, _barrier.CompletedEpoch, _shard?.Version ?? 0));

    private async Task WaitForOthers(Task wait, int worker, string what)
    {
        try
        {
            await wait.WaitAsync(BarrierTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"Parameter shard {this.GetPrimaryKeyString()}: worker {worker} waited {BarrierTimeout.TotalMinutes:0} min at {what} " +
                $"for the other {state.State.Config!.Workers - 1} workers; are there as many free task slots as workers?");
        }
    }

    private void EnterEpoch(ParameterServerShard shard, ParameterShardConfig config, int epoch)
    {
        if (_barrier.EnterEpoch(epoch))
            shard.LearningRate = config.LearningRate * MathF.Pow(config.LearningRateDecay, epoch - 1);
    }

    /// <summary>BSP: once every worker still in the epoch has pushed this step, apply the average and release them.</summary>
    private void TryCompleteStep(ParameterServerShard shard)
    {
        if (state.State.Config!.Mode != SyncMode.Bsp || !_barrier.StepComplete)
            return;
        shard.ApplyPending();
        _barrier.NextStep();
    }

    private async Task<float[]> ReadGradientAsync(BlockDescriptor block, ParameterShardConfig config)
    {
        var store = stores.Get(config.Blocks?.Store ?? block.Store);
        var length = checked((int)block.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await store.ReadAsync(block, 0, bytes.AsMemory(0, length));
            var gradient = new float[length / sizeof(float)];
            Buffer.BlockCopy(bytes, 0, gradient, 0, gradient.Length * sizeof(float));
            return gradient;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private Task<ParameterPull> CurrentAsync()
    {
        var shard = Shard();
        if (state.State.Config is not { Blocks: { } blocks, Mode: SyncMode.Bsp })
            return Task.FromResult(Current());
        if (_published is { } published && published.Version == shard.Version && !published.Answer.IsFaulted)
            return published.Answer;
        var answer = PublishAsync(shard, blocks);
        _published = (shard.Version, answer);
        return answer;
    }

    private async Task<ParameterPull> PublishAsync(ParameterServerShard shard, ParameterBlocks blocks)
    {
        var version = shard.Version;
        var slot = (int)(version & 1);
        var bytes = _blockBytes[slot] ??= new byte[shard.Range.Length * sizeof(float)];
        MemoryMarshal.AsBytes(shard.Values).CopyTo(bytes);
        var store = stores.Get(blocks.Store);
        var key = this.GetPrimaryKeyString();
        _blocks[slot] ??= await store.AllocateAsync(key[..key.LastIndexOf('/')], blocks.AccessKey, bytes.Length);
        await store.WriteAsync(_blocks[slot]!, 0, bytes);
        return new ParameterPull([], version) { Block = _blocks[slot] };
    }

    private ParameterPull Current()
    {
        var shard = Shard();
        if (_current is null || _current.Version != shard.Version)
            _current = new ParameterPull(shard.Values.ToArray(), shard.Version);
        return _current;
    }

    private ParameterServerShard Shard() => _shard
        ?? throw new InvalidOperationException($"Parameter shard {this.GetPrimaryKeyString()} was used before Initialize.");

    private static IOptimizerOptions OptimizerFor(ParameterShardConfig config) => config.Optimizer switch
    {
        OptimizerKind.Adam => new AdamOptions(config.LearningRate),
        OptimizerKind.SgdMomentum => new SgdMomentumOptions(config.LearningRate),
        var other => throw new ArgumentException($"unknown optimizer {other}"),
    };
}
