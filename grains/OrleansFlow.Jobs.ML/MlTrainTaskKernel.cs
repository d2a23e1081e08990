using System.Numerics.Tensors;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Engine.Input;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.ML.Training;

namespace OrleansFlow.Jobs.ML;

/// <summary>
/// One worker's epoch: its partition (cached on the memory tier after the first epoch), then for each mini-batch
/// compute the gradient at the current parameters and push it; the shards answer with the parameters to use next.
/// Bad rows fail the first epoch's load, and an epoch that leaves the loss or the parameters NaN or infinite fails
/// the job, both as <see cref="InputException"/>s: running the task again would only do the same.
/// </summary>
public sealed class MlTrainTaskKernel(PartitionCache partitions, IGrainFactory grains, IBlockStoreProvider stores) : ITaskKernel
{
    public const string KernelName = "ml.train";

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var args = task.ArgsAs<MlWorkerArgs>();
        var p = args.Job;
        var epoch = args.Epoch;
        var worker = task.TaskIndex;
        var (shard, bytes) = await partitions.GetAsync(p, task.JobId, task.AccessKey, task.Shuffle, worker, args.Workers, cancellationToken);
        var model = ModelFactory.Create(p, shard.Columns, TrainingDataSource.ClassCount(p));
        var server = new ParameterServerClient(grains, stores, task, args.Workers, model.ParameterCount, p);
        if (epoch == 1)
            await server.InitializeAsync(model);
        await server.PullAsync();

        var gradient = new float[model.ParameterCount];
        var batches = (shard.Rows + p.BatchSize - 1) / p.BatchSize;
        var order = BatchOrder(batches, p.Seed, epoch, worker);
        double lossSum = 0;
        long samples = 0;
        for (var step = 0; step < batches; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = order[step] * p.BatchSize;
            var batch = shard.Slice(start, Math.Min(p.BatchSize, shard.Rows - start));
            var result = model.ComputeGradient(batch, server.Values, gradient);
            lossSum += result.MeanLoss * result.Samples;
            samples += result.Samples;
            await server.PushAsync(epoch, worker, step, gradient, result);
        }
        await server.FinishEpochAsync(epoch, worker);
        await CheckFiniteAsync(server, lossSum, p, epoch);
        await grains.GetGrain<ITrainingMetricsGrain>(task.JobId).RecordEpoch(epoch, worker, samples == 0 ? 0 : lossSum / samples, samples);
        return new KernelResult(shard.Rows, 0, bytes, 0, []);
    }

    /// <summary>
    /// Once per epoch: this worker's loss, and the epoch's final parameters (pulled once every worker has finished,
    /// so every worker sees the same values and none is left waiting at a barrier for one that failed).
    /// </summary>
    private static async Task CheckFiniteAsync(ParameterServerClient server, double lossSum, MlArgs p, int epoch)
    {
        if (double.IsFinite(lossSum))
        {
            await server.PullAsync();
            if (TensorPrimitives.IsFiniteAll<float>(server.Values))
                return;
        }
        throw new InputException(TrainingDivergedException.MessageFor(epoch, p.LearningRate));
    }

    /// <summary>Batches visited in a fresh seeded order each epoch (rows within a batch stay together).</summary>
    private static int[] BatchOrder(int batches, int seed, int epoch, int worker)
    {
        var order = new int[batches];
        for (var i = 0; i < batches; i++)
            order[i] = i;
        new Random(unchecked(seed * 7_919 + epoch * 104_729 + worker)).Shuffle(order);
        return order;
    }
}
