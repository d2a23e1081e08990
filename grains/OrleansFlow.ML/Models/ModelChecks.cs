using OrleansFlow.ML.Data;

namespace OrleansFlow.ML.Models;

/// <summary>Argument checks shared by the models, with messages that say which size disagrees.</summary>
internal static class ModelChecks
{
    public static void Shard(IGradientModel model, DataShard shard)
    {
        if (shard.Columns != model.FeatureCount)
            throw new ArgumentException($"The shard has {shard.Columns} feature columns but the {model.Kind} model expects {model.FeatureCount}.", nameof(shard));
    }

    public static void Parameters(IGradientModel model, int length, string name)
    {
        if (length != model.ParameterCount)
            throw new ArgumentException($"The {model.Kind} model has {model.ParameterCount} parameters but {name} holds {length}.", name);
    }

    public static void Output(int rows, int length, string name)
    {
        if (length < rows)
            throw new ArgumentException($"{name} holds {length} values but the shard has {rows} rows.", name);
    }

    public static void ClassLabel(float label, int classes, int row)
    {
        if (!(label >= 0 && label < classes) || label != MathF.Floor(label))
            throw new ArgumentException($"Row {row} has label {label}; a {classes}-class model needs an integer label in [0, {classes - 1}].");
    }
}
