using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;

namespace OrleansFlow.Jobs.ML;

/// <summary>A worker's view of an ML job's parameter shards: the whole flat vector, split by key range.</summary>
public sealed class ParameterServerClient
{
    /// <summary>
    /// BSP shards with at least this many values publish them in blocks of the job's store and answer with
    /// descriptors: below it, copying the values through the grain answer costs less than a data-plane read.
    /// </summary>
    public const int BlockPublishingMinValues = 16_384;

    private readonly IParameterShardGrain[] _shards;
    private readonly ParameterRange[] _ranges;
    private readonly byte[]?[] _blockBytes;
    private readonly byte[]?[] _gradientBytes;
    private readonly BlockDescriptor?[] _gradientBlocks;
    private readonly bool _blocks;
    private readonly IBlockStore _store;
    private readonly TaskSpec _task;
    private readonly int _workers;
    private readonly MlArgs _parameters;

    public ParameterServerClient(IGrainFactory grains, IBlockStoreProvider stores, TaskSpec task, int workers, int parameterCount, MlArgs parameters)
    {
        _ranges = ParameterRange.Partition(parameterCount, Math.Min(parameters.Shards, parameterCount));
        _shards = new IParameterShardGrain[_ranges.Length];
        for (var i = 0; i < _shards.Length; i++)
            _shards[i] = grains.GetGrain<IParameterShardGrain>(IParameterShardGrain.KeyOf(task.JobId, i));
        _blockBytes = new byte[]?[_ranges.Length];
        _gradientBytes = new byte[]?[_ranges.Length];
        _gradientBlocks = new BlockDescriptor?[_ranges.Length];
        _blocks = parameters.Mode == SyncMode.Bsp && _ranges[0].Length >= BlockPublishingMinValues;
        _store = stores.Get(task.Shuffle);
        _task = task;
        _workers = workers;
        _parameters = parameters;
        Values = new float[parameterCount];
    }

    /// <summary>The parameters as last pulled.</summary>
    public float[] Values { get; }

    /// <summary>Every worker offers the same seeded start; the first to arrive sets each shard up.</summary>
    public async Task InitializeAsync(IGradientModel model)
    {
        model.InitializeParameters(Values, _parameters.Seed);
        var blocks = _blocks ? new ParameterBlocks(_task.Shuffle, _task.AccessKey) : null;
        await Task.WhenAll(_ranges.Select((r, i) => _shards[i].Initialize(
            new ParameterShardConfig(r.Start, r.End, _workers, _parameters.Mode, _parameters.Staleness, _parameters.Optimizer, _parameters.LearningRate)
            {
                LearningRateDecay = _parameters.LearningRateDecay,
                Blocks = blocks,
            },
            Values[r.Start..r.End])));
    }

    public async Task PullAsync()
    {
        var pulls = await Task.WhenAll(_shards.Select(s => s.Pull()));
        await StoreAsync(pulls);
    }

    /// <summary>Pushes each range of <paramref name="gradient"/> and takes the values the shards answer with.</summary>
    public async Task PushAsync(int epoch, int worker, int step, float[] gradient, GradientResult result)
    {
        var pushes = new Task<ParameterPull>[_ranges.Length];
        for (var i = 0; i < pushes.Length; i++)
        {
            var r = _ranges[i];
            pushes[i] = _blocks
                ? _shards[i].Push(new GradientPush(epoch, worker, step, [], result.MeanLoss, result.Samples) { Block = await WriteGradientAsync(i, gradient) })
                : _shards[i].Push(new GradientPush(epoch, worker, step, gradient[r.Start..r.End], result.MeanLoss, result.Samples));
        }
        await StoreAsync(await FirstFailure.WhenAllAsync(pushes));
    }

    /// <summary>Returns once every shard has completed and checkpointed the epoch; fails as soon as one shard fails.</summary>
    public Task FinishEpochAsync(int epoch, int worker) => FirstFailure.WhenAllAsync(_shards.Select(s => s.FinishEpoch(epoch, worker)).ToArray());

    /// <summary>The range of the gradient in this worker's block for shard <paramref name="shard"/> (in its own silo's
    /// store; rewritten only after the shard answered the push that named it).</summary>
    private async Task<BlockDescriptor> WriteGradientAsync(int shard, float[] gradient)
    {
        var range = _ranges[shard];
        var bytes = _gradientBytes[shard] ??= new byte[range.Length * sizeof(float)];
        Buffer.BlockCopy(gradient, range.Start * sizeof(float), bytes, 0, bytes.Length);
        var block = _gradientBlocks[shard] ??= await _store.AllocateAsync(_task.JobId, _task.AccessKey, bytes.Length);
        await _store.WriteAsync(block, 0, bytes);
        return block;
    }

    private async Task StoreAsync(ParameterPull[] pulls)
    {
        for (var i = 0; i < pulls.Length; i++)
        {
            if (pulls[i].Block is { } block)
            {
                var bytes = _blockBytes[i] ??= new byte[_ranges[i].Length * sizeof(float)];
                await _store.ReadAsync(block, 0, bytes);
                Buffer.BlockCopy(bytes, 0, Values, _ranges[i].Start * sizeof(float), bytes.Length);
            }
            else
            {
                pulls[i].Values.CopyTo(Values, _ranges[i].Start);
            }
        }
    }
}
