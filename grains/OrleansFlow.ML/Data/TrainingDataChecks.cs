using System.Globalization;
using System.Numerics.Tensors;

namespace OrleansFlow.ML.Data;

/// <summary>
/// What makes loaded rows unfit to train on, found in one pass over the matrix once per load (vectorised: the
/// scalar search for the first bad value runs only when there is one): no rows, a feature or label that is NaN or
/// infinite, or a label that is not a class of the model. Messages are one line naming the source, the column and the
/// row as a user counts it (from 1).
/// </summary>
public static class TrainingDataChecks
{
    /// <summary>The first problem of <paramref name="data"/>, or null when it can be trained on.</summary>
    /// <param name="source">Names the input at the start of the message (a path, "ml --sql" ...).</param>
    /// <param name="classes">For a classifier: labels must be whole numbers 0..classes-1. Null for regression.</param>
    /// <param name="where">Where row r (0-based) is, as the message says it ("in row 3 of 10"); by default
    /// "in row r+1 of Rows".</param>
    public static string? FindProblem(FeatureMatrix data, string source, int? classes = null, Func<int, string>? where = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        where ??= r => $"in row {r + 1} of {data.Rows}";
        if (data.Rows == 0)
            return $"{source}: no rows to train on.";
        var features = data.Features;
        if (!TensorPrimitives.IsFiniteAll<float>(features))
        {
            var i = FirstNotFinite(features);
            return NotFinite(source, data.FeatureNames[i % data.Columns], Format(features[i]), where(i / data.Columns));
        }
        var labels = data.Labels;
        if (!TensorPrimitives.IsFiniteAll<float>(labels))
        {
            var r = FirstNotFinite(labels);
            return NotFinite(source, data.LabelName, Format(labels[r]), where(r));
        }
        if (classes is { } k)
        {
            for (var r = 0; r < labels.Length; r++)
            {
                if (!IsClass(labels[r], k))
                    return NotAClass(source, data.LabelName, Format(labels[r]), where(r), k);
            }
        }
        return null;
    }

    /// <summary>Throws <see cref="InvalidDataException"/> with <see cref="FindProblem"/>'s message, if any.</summary>
    public static void Check(FeatureMatrix data, string source, int? classes = null, Func<int, string>? where = null)
    {
        if (FindProblem(data, source, classes, where) is { } problem)
            throw new InvalidDataException(problem);
    }

    /// <summary>A whole number in 0..classes-1.</summary>
    public static bool IsClass(float label, int classes) => label >= 0 && label < classes && label == MathF.Floor(label);

    internal static string NotFinite(string source, string column, string value, string where) =>
        $"{source}: column '{column}' holds {value} {where}; features and labels must be finite numbers.";

    internal static string NotAClass(string source, string column, string value, string where, int classes) =>
        $"{source}: label column '{column}' holds {value} {where}, which is not a class of a {classes}-class model; labels must be whole numbers 0..{classes - 1}.";

    private static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);

    private static int FirstNotFinite(ReadOnlySpan<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                return i;
        }
        throw new InvalidOperationException("no value is NaN or infinite");
    }
}
