using OrleansFlow.Abstractions.ML;
using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;

namespace OrleansFlow.Grains.ML;

/// <summary>A worker's view of an ML job's parameter shards: the whole flat vector, split by key range.</summary>
public sealed class ParameterServerClient
{
    private readonly IParameterShardGrain[] _shards;
    private readonly ParameterRange[] _ranges;
    private readonly MlJobParameters _parameters;
    private readonly int _workers;

    public ParameterServerClient(IGrainFactory grains, string jobId, int parameterCount, MlJobParameters parameters, int workers)
    {
        _ranges = ParameterRange.Partition(parameterCount, Math.Min(parameters.Shards, parameterCount));
        _shards = new IParameterShardGrain[_ranges.Length];
        for (var i = 0; i < _shards.Length; i++)
            _shards[i] = grains.GetGrain<IParameterShardGrain>(IParameterShardGrain.KeyOf(jobId, i));
        _parameters = parameters;
        _workers = workers;
        Values = new float[parameterCount];
    }

    /// <summary>The parameters as last pulled.</summary>
    public float[] Values { get; }

    /// <summary>Every worker offers the same seeded start; the first to arrive sets each shard up.</summary>
    public async Task InitializeAsync(IGradientModel model)
    {
        model.InitializeParameters(Values, _parameters.Seed);
        await Task.WhenAll(_ranges.Select((r, i) => _shards[i].Initialize(
            new ParameterShardConfig(r.Start, r.End, _workers, _parameters.Mode, _parameters.Staleness, _parameters.Optimizer, _parameters.LearningRate)
            {
                LearningRateDecay = _parameters.LearningRateDecay,
            },
            Values[r.Start..r.End])));
    }

    public async Task PullAsync()
    {
        var pulls = await Task.WhenAll(_shards.Select(s => s.Pull()));
        Store(pulls);
    }

    /// <summary>Pushes each range of <paramref name="gradient"/> and takes the values the shards answer with.</summary>
    public async Task PushAsync(int epoch, int worker, int step, float[] gradient, GradientResult result)
    {
        var pulls = await FirstFailure.WhenAllAsync(_ranges.Select((r, i) => _shards[i].Push(
            new GradientPush(epoch, worker, step, gradient[r.Start..r.End], result.MeanLoss, result.Samples))).ToArray());
        Store(pulls);
    }

    /// <summary>Returns once every shard has completed and checkpointed the epoch; fails as soon as one shard fails.</summary>
    public Task FinishEpochAsync(int epoch, int worker) => FirstFailure.WhenAllAsync(_shards.Select(s => s.FinishEpoch(epoch, worker)).ToArray());

    private void Store(ParameterPull[] pulls)
    {
        for (var i = 0; i < pulls.Length; i++)
            pulls[i].Values.CopyTo(Values, _ranges[i].Start);
    }
}
