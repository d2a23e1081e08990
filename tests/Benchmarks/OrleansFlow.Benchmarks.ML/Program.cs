using OrleansFlow.Benchmarks.ML;

var command = args.Length > 0 ? args[0] : "all";
var arguments = new Arguments(args);
switch (command)
{
    case "mlp":
        MlpBenchmark.Run(arguments);
        break;
    case "linreg":
        LinearRegressionBenchmark.Run(arguments);
        break;
    case "fabric":
        await FabricBenchmark.RunAsync(arguments);
        break;
    case "all":
        LinearRegressionBenchmark.Run(arguments);
        MlpBenchmark.Run(arguments);
        break;
    default:
        Console.Error.WriteLine("usage: OrleansFlow.Benchmarks.ML [linreg|mlp|fabric|all] [--rows N] [--features N] [--epochs N] [--hidden N] [--batch N] [--workers N] [--threads N] [--lr X] [--decay X] [--dataset fashion|digits] [--optimizer adam|sgd] [fabric: --mlp-epochs N --mlp-batch N]");
        return 2;
}
return 0;
