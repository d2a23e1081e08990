using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using OrleansFlow.ML.Data;

namespace OrleansFlow.ML.Tests;

/// <summary>ML.NET 5.0.1 trained on the same rows: the independent reference for the linear models.</summary>
internal static class MlNetReference
{
    /// <summary>
    /// SDCA regression: the closest ML.NET 5.0.1 core has to ordinary least squares (the OLS trainer lives in
    /// Microsoft.ML.Mkl.Components, which is not available). A small L2 (1e-4; much smaller makes SDCA converge
    /// too slowly to reach OLS in its pass budget) on cached data. Returns ML.NET's own MSE on <paramref name="evaluateOn"/>.
    /// </summary>
    public static double SdcaRegressionMse(FeatureMatrix train, FeatureMatrix evaluateOn)
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            L2Regularization = 1e-4f,
            L1Regularization = 0f,
            MaximumNumberOfIterations = 30,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(ml.Data.Cache(Load(ml, train, label => label)));
        return ml.Regression.Evaluate(model.Transform(Load(ml, evaluateOn, label => label))).MeanSquaredError;
    }

    /// <summary>L-BFGS logistic regression accuracy on <paramref name="test"/>.</summary>
    public static double LogisticRegressionAccuracy(FeatureMatrix train, FeatureMatrix test)
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression();
        var model = trainer.Fit(LoadBinary(ml, train));
        return ml.BinaryClassification.Evaluate(model.Transform(LoadBinary(ml, test))).Accuracy;
    }

    /// <summary>L-BFGS maximum-entropy (softmax) accuracy on <paramref name="test"/>.</summary>
    public static double SoftmaxRegressionAccuracy(FeatureMatrix train, FeatureMatrix test)
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
        var model = pipeline.Fit(Load(ml, train, label => label));
        return ml.MulticlassClassification.Evaluate(model.Transform(Load(ml, test, label => label))).MicroAccuracy;
    }

    private static IDataView Load(MLContext ml, FeatureMatrix data, Func<float, float> label)
    {
        var rows = new List<Row>(data.Rows);
        for (var r = 0; r < data.Rows; r++)
            rows.Add(new Row { Features = data.Row(r).ToArray(), Label = label(data.Labels[r]) });
        return ml.Data.LoadFromEnumerable(rows, SchemaFor(ml, data.Columns, typeof(Row)));
    }

    private static IDataView LoadBinary(MLContext ml, FeatureMatrix data)
    {
        var rows = new List<BinaryRow>(data.Rows);
        for (var r = 0; r < data.Rows; r++)
            rows.Add(new BinaryRow { Features = data.Row(r).ToArray(), Label = data.Labels[r] > 0.5f });
        return ml.Data.LoadFromEnumerable(rows, SchemaFor(ml, data.Columns, typeof(BinaryRow)));
    }

    /// <summary>The vector width is only known at run time, so the schema is built rather than attributed.</summary>
    private static SchemaDefinition SchemaFor(MLContext ml, int columns, Type rowType)
    {
        var schema = SchemaDefinition.Create(rowType);
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, columns);
        return schema;
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class BinaryRow
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }
}
