using System.Numerics.Tensors;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Engine.Input;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;

namespace OrleansFlow.Jobs.ML;

/// <summary>
/// The job's last task: pulls the trained parameters, measures them on held-out rows (MSE, or accuracy and loss),
/// saves the model when asked, and records the result for the client. A model whose parameters or loss are not finite
/// (training diverged) is neither scored nor saved: the job fails with an <see cref="InputException"/> saying so.
/// </summary>
public sealed class MlEvaluateTaskKernel(IGrainFactory grains, PartitionCache partitions, IBlockStoreProvider stores) : ITaskKernel
{
    public const string KernelName = "ml.evaluate";

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var args = task.ArgsAs<MlWorkerArgs>();
        var p = args.Job;
        // A SQL feature table is on the memory tier already: score its rows there rather than run the query again.
        var (rows, heldOut) = p.Source == "sql"
            ? (await partitions.ReadAllAsync(p, task.JobId, task.Shuffle, args.Workers, cancellationToken), false)
            : await TrainingDataSource.LoadEvaluationAsync(p, cancellationToken);
        var model = ModelFactory.Create(p, rows.Columns, TrainingDataSource.ClassCount(p));
        var server = new ParameterServerClient(grains, stores, task, args.Workers, model.ParameterCount, p);
        await server.PullAsync();
        var parameters = server.Values;
        var diverged = TrainingDivergedException.MessageFor(p.Epochs, p.LearningRate);
        if (!TensorPrimitives.IsFiniteAll<float>(parameters))
            throw new InputException(diverged);
        var shard = rows.AsShard();

        double loss;
        double? accuracy = null;
        if (ModelFactory.IsClassifier(p))
        {
            loss = model.ComputeGradient(shard, parameters, new float[model.ParameterCount]).MeanLoss;
            accuracy = ModelEvaluation.Accuracy(model, parameters, shard);
        }
        else
        {
            loss = ModelEvaluation.MeanSquaredError(model, parameters, shard);
        }
        if (!double.IsFinite(loss))
            throw new InputException(diverged);
        if (p.ModelOut is { } path)
            ModelSerializer.Save(path, model, parameters);
        await grains.GetGrain<ITrainingMetricsGrain>(task.JobId).RecordEvaluation(
            new TrainingEvaluation(p.Model, rows.Rows, loss, accuracy, parameters, p.ModelOut) { HeldOut = heldOut });
        return new KernelResult(rows.Rows, 0, 0, 0, p.ModelOut is { } file ? [file] : []);
    }
}
