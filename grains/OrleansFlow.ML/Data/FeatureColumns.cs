namespace OrleansFlow.ML.Data;

/// <summary>
/// Chooses the label and feature columns of a table: the label is the column the caller names or, when none is
/// named, the last column; it must be numeric. The features are all other numeric columns, in table order
/// (non-numeric ones, text say, are left out).
/// </summary>
internal sealed record FeatureColumns(int[] FeatureIndexes, int LabelIndex, string[] FeatureNames, string LabelName)
{
    /// <param name="kindOf">What a non-numeric column is, for the message ("String", "text ('cat' on line 2)").</param>
    public static FeatureColumns Choose(string source, IReadOnlyList<string> names, IReadOnlyList<bool> numeric, string? label, Func<int, string> kindOf)
    {
        var columns = string.Join(", ", names);
        if (names.Count == 0)
            throw new InvalidDataException($"{source}: the table has no columns.");
        var labelIndex = label is null ? names.Count - 1 : names.ToList().IndexOf(label);
        if (labelIndex < 0)
            throw new InvalidDataException($"{source}: label column '{label}' not found (columns: {columns}).");
        if (!numeric[labelIndex])
        {
            var which = label is null ? $"the label column '{names[labelIndex]}' (by default the last column)" : $"the label column '{label}'";
            throw new InvalidDataException($"{source}: {which} is {kindOf(labelIndex)}, not numeric (columns: {columns}).");
        }

        var features = Enumerable.Range(0, names.Count).Where(i => i != labelIndex && numeric[i]).ToArray();
        if (features.Length == 0)
            throw new InvalidDataException($"{source}: no numeric feature columns besides the label '{names[labelIndex]}' (columns: {columns}).");
        return new FeatureColumns(features, labelIndex, features.Select(i => names[i]).ToArray(), names[labelIndex]);
    }
}
