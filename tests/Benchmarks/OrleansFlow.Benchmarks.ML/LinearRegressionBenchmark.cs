using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using OrleansFlow.ML.Data;
using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;

namespace OrleansFlow.Benchmarks.ML;

/// <summary>
/// Linear regression on generated rows: ML.NET SDCA's training time and MSE, then OrleansFlow's time to an MSE at
/// most 1% above ML.NET's, by normal equations and by data-parallel mini-batch SGD. All MSEs are on the training rows.
/// </summary>
internal static class LinearRegressionBenchmark
{
    public static void Run(Arguments args)
    {
        var rows = args.Int("rows", 10_000_000);
        var features = args.Int("features", 32);
        var generate = Stopwatch.StartNew();
        var generated = SyntheticRegression.Generate(rows, features, noiseStdDev: 0.5f, seed: 2026);
        var data = generated.Data;
        Console.WriteLine($"linear regression: {rows:N0} rows x {features} features generated in {generate.Elapsed.TotalSeconds:F1} s ({Environment.ProcessorCount} cores)");

        var (mlNetSeconds, mlNetMse) = TrainMlNet(data);
        var target = mlNetMse * 1.01;
        Console.WriteLine($"ML.NET SDCA: trained in {mlNetSeconds:F2} s, MSE {mlNetMse:F6}; target MSE (+1%) {target:F6}");

        var model = new LinearRegressionModel(features);
        var clock = Stopwatch.StartNew();
        var exact = NormalEquations.Fit(data);
        var exactSeconds = clock.Elapsed.TotalSeconds;
        var exactMse = ModelEvaluation.MeanSquaredError(model, exact, data.AsShard());
        Console.WriteLine($"OrleansFlow normal equations ({Environment.ProcessorCount} partitions): {exactSeconds:F2} s, MSE {exactMse:F6}, " +
            $"{(exactMse <= target ? "reaches" : "MISSES")} target; {mlNetSeconds / exactSeconds:F1}x ML.NET's time");

        var sgdSeconds = TimeSgdToTarget(model, data, target);
        Console.WriteLine(sgdSeconds is { } seconds
            ? $"OrleansFlow mini-batch SGD (2 workers, batch 1024, Adam): reached target after {seconds:F2} s; {mlNetSeconds / seconds:F1}x ML.NET's time"
            : "OrleansFlow mini-batch SGD: did not reach the target in 3 epochs");
    }

    internal static (double Seconds, double Mse) TrainMlNet(FeatureMatrix data)
    {
        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, data.Columns);
        var view = ml.Data.Cache(ml.Data.LoadFromEnumerable(Rows(data), schema));
        var trainer = ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options { L2Regularization = 1e-4f });
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(view);
        var seconds = clock.Elapsed.TotalSeconds;
        return (seconds, ml.Regression.Evaluate(model.Transform(view)).MeanSquaredError);
    }

    /// <summary>Training time (evaluation excluded) until the MSE after an epoch is at or below the target.</summary>
    internal static double? TimeSgdToTarget(LinearRegressionModel model, FeatureMatrix data, double target)
    {
        var options = new TrainingOptions(Epochs: 1, BatchSize: 1024, new AdamOptions(0.01f), Workers: 2, ServerShards: 1);
        float[]? parameters = null;
        var training = TimeSpan.Zero;
        for (var epoch = 1; epoch <= 3; epoch++)
        {
            var clock = Stopwatch.StartNew();
            parameters = new DataParallelTrainer(model, options with { Seed = epoch, Optimizer = new AdamOptions(0.01f / epoch) }).Train(data, parameters).Parameters;
            training += clock.Elapsed;
            var mse = ModelEvaluation.MeanSquaredError(model, parameters, data.AsShard());
            Console.WriteLine($"  SGD epoch {epoch}: {training.TotalSeconds:F2} s so far, MSE {mse:F6}");
            if (mse <= target)
                return training.TotalSeconds;
        }
        return null;
    }

    private static IEnumerable<Row> Rows(FeatureMatrix data)
    {
        for (var r = 0; r < data.Rows; r++)
            yield return new Row { Features = data.Row(r).ToArray(), Label = data.Labels[r] };
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }
}
