using System.Diagnostics;
using System.Numerics.Tensors;
using OrleansFlow.ML.Data;
using OrleansFlow.ML.Models;

namespace OrleansFlow.ML.Training;

/// <summary>
/// In-process synchronous (BSP) data-parallel training, the same loop the fabric runs across grains: each step
/// the batch is split among the workers, every worker computes the gradient of its part against the current
/// parameters, pushes each range's slice to that range's <see cref="ParameterServerShard"/>, the shards average
/// and apply their optimizer, and workers fetch the new values.
/// </summary>
public sealed class DataParallelTrainer
{
    private readonly IGradientModel _model;
    private readonly TrainingOptions _options;

    public DataParallelTrainer(IGradientModel model, TrainingOptions options)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <exception cref="TrainingDivergedException">The loss or the parameters became NaN or infinite in an epoch.</exception>
    /// <param name="onEpoch">Called after each epoch with the report and the live parameter vector (read it, e.g. to
    /// measure held-out accuracy; do not keep or modify it).</param>
    public TrainingResult Train(FeatureMatrix data, ReadOnlySpan<float> initialParameters = default, Action<EpochReport, float[]>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        _options.Validate(data.Rows, _model.ParameterCount);
        if (data.Columns != _model.FeatureCount)
            throw new ArgumentException($"The data has {data.Columns} feature columns but the {_model.Kind} model expects {_model.FeatureCount}.", nameof(data));

        var parameters = new float[_model.ParameterCount];
        if (initialParameters.IsEmpty)
            _model.InitializeParameters(parameters, _options.Seed);
        else
        {
            ModelChecks.Parameters(_model, initialParameters.Length, nameof(initialParameters));
            initialParameters.CopyTo(parameters);
        }

        var servers = ParameterRange.Partition(_model.ParameterCount, _options.ServerShards)
            .Select(range => new ParameterServerShard(range, parameters.AsSpan(range.Start, range.Length), _options.Optimizer))
            .ToArray();
        var workerGradients = new float[_options.Workers][];
        for (var w = 0; w < workerGradients.Length; w++)
            workerGradients[w] = new float[_model.ParameterCount];
        var workerResults = new GradientResult[_options.Workers];

        var batchSize = Math.Min(_options.BatchSize, data.Rows);
        var batchFeatures = new float[batchSize * data.Columns];
        var batchLabels = new float[batchSize];
        var order = Enumerable.Range(0, data.Rows).ToArray();
        var random = new Random(_options.Seed);
        var reports = new List<EpochReport>(_options.Epochs);
        var learningRate = servers[0].LearningRate;

        for (var epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            random.Shuffle(order);
            double lossSum = 0;
            long samples = 0;
            for (var start = 0; start < data.Rows; start += batchSize)
            {
                var count = Math.Min(batchSize, data.Rows - start);
                var batch = GatherBatch(data, order.AsSpan(start, count), batchFeatures, batchLabels);
                ComputeWorkerGradients(batch, parameters, workerGradients, workerResults);
                var step = PushAndApply(servers, workerGradients, workerResults, parameters);
                lossSum += step.MeanLoss * step.Samples;
                samples += step.Samples;
            }
            // Once per epoch, one pass over the parameters: a diverged model fails here, before it is reported or used.
            if (!double.IsFinite(lossSum) || !TensorPrimitives.IsFiniteAll<float>(parameters))
                throw new TrainingDivergedException(epoch, learningRate);
            foreach (var server in servers)
                server.LearningRate *= _options.LearningRateDecay;
            var report = new EpochReport(epoch, lossSum / samples, samples, clock.Elapsed);
            reports.Add(report);
            onEpoch?.Invoke(report, parameters);
        }
        return new TrainingResult(parameters, reports);
    }

    private static DataShard GatherBatch(FeatureMatrix data, ReadOnlySpan<int> rows, float[] features, float[] labels)
    {
        var columns = data.Columns;
        for (var i = 0; i < rows.Length; i++)
        {
            data.Row(rows[i]).CopyTo(features.AsSpan(i * columns, columns));
            labels[i] = data.Labels[rows[i]];
        }
        return new DataShard(features.AsMemory(0, rows.Length * columns), labels.AsMemory(0, rows.Length), columns);
    }

    private void ComputeWorkerGradients(DataShard batch, float[] parameters, float[][] gradients, GradientResult[] results)
    {
        var workers = Math.Min(gradients.Length, batch.Rows);
        var threads = _options.MaxThreads > 0 ? _options.MaxThreads : Environment.ProcessorCount;
        if (workers == 1 || threads == 1)
        {
            for (var w = 0; w < workers; w++)
                results[w] = ComputeWorkerGradient(batch, w, workers, parameters, gradients[w]);
        }
        else
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = threads },
                w => results[w] = ComputeWorkerGradient(batch, w, workers, parameters, gradients[w]));
        }
        for (var w = workers; w < results.Length; w++)
            results[w] = default;
    }

    private GradientResult ComputeWorkerGradient(DataShard batch, int worker, int workers, float[] parameters, float[] gradient)
    {
        var start = batch.Rows * worker / workers;
        var end = batch.Rows * (worker + 1) / workers;
        return _model.ComputeGradient(batch.Slice(start, end - start), parameters, gradient);
    }

    private static GradientResult PushAndApply(ParameterServerShard[] servers, float[][] gradients, GradientResult[] results, float[] parameters)
    {
        GradientResult step = default;
        foreach (var server in servers)
        {
            var range = server.Range;
            for (var w = 0; w < gradients.Length; w++)
                server.Push(gradients[w].AsSpan(range.Start, range.Length), results[w]);
            step = server.ApplyPending();
            server.Values.CopyTo(parameters.AsSpan(range.Start, range.Length));
        }
        return step;
    }
}
