using OrleansFlow.Abstractions.ML;
using OrleansFlow.ML.Models;

namespace OrleansFlow.Jobs.ML;

/// <summary>Builds the model an ML job asked for, once the data's feature count is known.</summary>
public static class ModelFactory
{
    public static IGradientModel Create(MlArgs p, int featureCount, int classCount) => p.Model switch
    {
        "linreg" => new LinearRegressionModel(featureCount),
        "logreg" when classCount == 2 => new LogisticRegressionModel(featureCount),
        "logreg" => MultilayerPerceptron.SoftmaxRegression(featureCount, classCount),
        "mlp" => new MultilayerPerceptron([featureCount, .. p.Hidden, classCount]),
        var other => throw new ArgumentException($"unknown model '{other}'"),
    };

    public static bool IsClassifier(MlArgs p) => p.Model != "linreg";
}
