namespace OrleansFlow.ML.Models;

/// <summary>Architecture tag stored in saved models. Values are part of the file format: never renumber.</summary>
public enum ModelKind : byte
{
    LinearRegression = 1,
    LogisticRegression = 2,
    /// <summary>ReLU hidden layers, softmax output; with no hidden layer it is multinomial (softmax) regression.</summary>
    MultilayerPerceptron = 3,
}
