namespace OrleansFlow.ML.Data;

/// <summary>
/// Chooses the label and feature columns of a table: the label is the column named <c>label</c> or, when none is
/// named, the last numeric column; the features are all other numeric columns, in table order.
/// </summary>
internal sealed record FeatureColumns(int[] FeatureIndexes, int LabelIndex, string[] FeatureNames, string LabelName)
{
    public static FeatureColumns Choose(string source, IReadOnlyList<string> names, IReadOnlyList<bool> numeric, string? label)
    {
        int labelIndex;
        if (label is null)
        {
            labelIndex = -1;
            for (var i = names.Count - 1; i >= 0 && labelIndex < 0; i--)
            {
                if (numeric[i])
                    labelIndex = i;
            }
            if (labelIndex < 0)
                throw new InvalidDataException($"{source}: no numeric column to use as the label (columns: {string.Join(", ", names)}).");
        }
        else
        {
            labelIndex = names.ToList().IndexOf(label);
            if (labelIndex < 0)
                throw new InvalidDataException($"{source}: label column '{label}' not found (columns: {string.Join(", ", names)}).");
            if (!numeric[labelIndex])
                throw new InvalidDataException($"{source}: label column '{label}' is not numeric.");
        }

        var features = Enumerable.Range(0, names.Count).Where(i => i != labelIndex && numeric[i]).ToArray();
        if (features.Length == 0)
            throw new InvalidDataException($"{source}: no numeric feature columns besides the label '{names[labelIndex]}' (columns: {string.Join(", ", names)}).");
        return new FeatureColumns(features, labelIndex, features.Select(i => names[i]).ToArray(), names[labelIndex]);
    }
}
