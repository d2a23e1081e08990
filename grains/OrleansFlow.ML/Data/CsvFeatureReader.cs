using System.Globalization;

namespace OrleansFlow.ML.Data;

/// <summary>
/// CSV with a header line → <see cref="FeatureMatrix"/>. A column is numeric when its first data row parses as a
/// number (invariant culture); non-numeric columns are not features, and the label (the last column unless
/// the <c>label</c> argument names one) must be numeric. Later rows that break that rule, and values that are NaN or
/// infinite (or overflow float32), are errors naming file, line, data row and column; so are labels that are not a
/// class when <c>classes</c> is given. Quoted fields ("a,b", "say ""hi""") are understood; quoted line
/// breaks are not.
/// </summary>
public static class CsvFeatureReader
{
    /// <param name="classes">For a classifier: every label must be a whole number 0..classes-1. Null: any number.</param>
    public static FeatureMatrix Read(string path, string? label = null, int? classes = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"CSV file not found: {path}", path);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{path}: the file is empty; expected a header line.");
        var names = Split(header, path, 1);

        var line = 1;
        string? text;
        do
        {
            text = reader.ReadLine();
            line++;
        }
        while (text is { Length: 0 });
        if (text is null)
            throw new InvalidDataException($"{path}: the header has no data rows under it.");

        var first = Split(text, path, line);
        CheckWidth(first, names.Count, path, line);
        var numeric = first.Select(IsNumber).ToArray();
        var firstLine = line;
        var columns = FeatureColumns.Choose(path, names, numeric, label,
            i => first[i].Length == 0 ? $"empty on line {firstLine}" : $"text ('{first[i]}' on line {firstLine})");

        var features = new List<float>();
        var labels = new List<float>();
        while (text is not null)
        {
            if (text.Length > 0)
            {
                var values = Split(text, path, line);
                CheckWidth(values, names.Count, path, line);
                var row = labels.Count + 1;
                foreach (var index in columns.FeatureIndexes)
                    features.Add(Parse(values[index], path, line, row, index, names[index]));
                var labelIndex = columns.LabelIndex;
                var value = Parse(values[labelIndex], path, line, row, labelIndex, names[labelIndex]);
                if (classes is { } k && !TrainingDataChecks.IsClass(value, k))
                    throw new InvalidDataException(TrainingDataChecks.NotAClass(
                        $"{path}:{line}:{labelIndex + 1}", names[labelIndex], $"'{values[labelIndex]}'", Where(line, row), k));
                labels.Add(value);
            }
            text = reader.ReadLine();
            line++;
        }
        return new FeatureMatrix(features.ToArray(), labels.ToArray(), columns.FeatureIndexes.Length, columns.FeatureNames, columns.LabelName);
    }

    private static bool IsNumber(string value) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static float Parse(string value, string path, int line, int row, int column, string name)
    {
        if (!float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            throw new InvalidDataException(
                $"{path}:{line}:{column + 1}: column '{name}' holds '{value}', which is not a number (the column was numeric in the first row).");
        // One compare per value while parsing anyway: the message can quote the text ('NaN', '1e39' ...).
        if (!float.IsFinite(number))
            throw new InvalidDataException(TrainingDataChecks.NotFinite($"{path}:{line}:{column + 1}", name, $"'{value}'", Where(line, row)));
        return number;
    }

    private static string Where(int line, int row) => $"on line {line} (data row {row})";

    private static void CheckWidth(List<string> values, int expected, string path, int line)
    {
        if (values.Count != expected)
            throw new InvalidDataException($"{path}:{line}: {values.Count} fields, but the header has {expected} columns.");
    }

    /// <summary>Splits one line on commas, honouring double quotes.</summary>
    internal static List<string> Split(string line, string path, int lineNumber)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                    current.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                    quoted = false;
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
                current.Append(c);
        }
        if (quoted)
            throw new InvalidDataException($"{path}:{lineNumber}:{line.Length}: a quoted field is not closed.");
        fields.Add(current.ToString().Trim());
        return fields;
    }
}
