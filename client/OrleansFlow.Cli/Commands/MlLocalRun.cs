using System.Globalization;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Cli.Json;
using OrleansFlow.Engine.Input;
using OrleansFlow.Jobs.ML;
using OrleansFlow.ML.Data;
using OrleansFlow.ML.Training;

namespace OrleansFlow.Cli.Commands;

/// <summary>
/// <c>orleansflow ml ... --local</c>: the same training with the in-process <see cref="DataParallelTrainer"/> (no
/// silo, no grains, data already in memory), the baseline the fabric's epoch time is compared with.
/// </summary>
internal static class MlLocalRun
{
    public static async Task<int> RunAsync(MlArgs p, bool quiet, bool json, CancellationToken cancellationToken)
    {
        var data = await LoadTrainingAsync(p, cancellationToken);
        var model = ModelFactory.Create(p, data.Columns, TrainingDataSource.ClassCount(p));
        IOptimizerOptions optimizer = p.Optimizer == OptimizerKind.Adam ? new AdamOptions(p.LearningRate) : new SgdMomentumOptions(p.LearningRate);
        var options = new TrainingOptions(p.Epochs, p.BatchSize * p.Workers, optimizer, p.Workers, Math.Min(p.Shards, model.ParameterCount), p.Seed, p.LearningRateDecay);
        TrainingResult trained;
        try
        {
            trained = new DataParallelTrainer(model, options).Train(data, onEpoch: (epoch, _) =>
            {
                if (!quiet)
                    Console.Error.WriteLine($"local: epoch {epoch.Epoch}: training loss {epoch.MeanLoss:G5} in {epoch.Elapsed.TotalSeconds:0.000} s");
            });
        }
        catch (TrainingDivergedException e)
        {
            // The same one line, and exit code, as the fabric's job failure.
            throw new InputException(e.Message);
        }
        var (rows, heldOut) = await TrainingDataSource.LoadEvaluationAsync(p, cancellationToken);
        var shard = rows.AsShard();
        // The trainer checked the parameters after every epoch; as on the fabric, an MSE of NaN or infinity (finite
        // but huge parameters) is not reported as a result either.
        double? accuracy = ModelFactory.IsClassifier(p) ? ModelEvaluation.Accuracy(model, trained.Parameters, shard) : null;
        double? mse = accuracy is null ? MeanSquaredError(model, trained.Parameters, shard, p) : null;
        if (json)
        {
            ConsoleOutput.WriteJson(new MlLocalJson(p.Model, p.Workers, rows.Rows, heldOut, mse, accuracy, [.. trained.Epochs.Select(e => e.Elapsed)]));
            return 0;
        }
        var metric = accuracy is { } a ? $"accuracy {a:P2}" : $"MSE {mse!.Value.ToString("G5", CultureInfo.InvariantCulture)}";
        var epochs = trained.Epochs.Select(e => e.Elapsed.TotalSeconds).ToList();
        Console.Out.WriteLine($"local: {p.Model} on {p.Workers} workers, {metric} on {rows.Rows:N0} {(heldOut ? "held-out" : "training")} rows; " +
            $"epoch time: first {epochs[0]:0.000} s, mean of later {(epochs.Count > 1 ? epochs.Skip(1).Average() : epochs[0]):0.000} s");
        return 0;
    }

    private static double MeanSquaredError(OrleansFlow.ML.Models.IGradientModel model, float[] parameters, DataShard shard, MlArgs p)
    {
        var mse = ModelEvaluation.MeanSquaredError(model, parameters, shard);
        return double.IsFinite(mse) ? mse : throw new InputException(TrainingDivergedException.MessageFor(p.Epochs, p.LearningRate));
    }

    /// <summary>The rows the fabric's workers train on, in partition order.</summary>
    private static async Task<FeatureMatrix> LoadTrainingAsync(MlArgs p, CancellationToken cancellationToken)
    {
        if (p.Source != "generate")
            return await TrainingDataSource.LoadPartitionAsync(p, 0, 1, cancellationToken);
        var parts = new List<FeatureMatrix>(p.Workers);
        for (var w = 0; w < p.Workers; w++)
            parts.Add(await TrainingDataSource.LoadPartitionAsync(p, w, p.Workers, cancellationToken));
        return FeatureMatrix.Concat(parts, labelName: "y");
    }
}
