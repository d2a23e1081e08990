using System.Globalization;

namespace OrleansFlow.ML.Data;

/// <summary>
/// CSV with a header line → <see cref="FeatureMatrix"/>. A column is numeric when its first data row parses as a
/// number (invariant culture); non-numeric columns are ignored. Later rows that break that rule are errors naming
/// file, line and column. Quoted fields ("a,b", "say ""hi""") are understood; quoted line breaks are not.
/// </summary>
public static class CsvFeatureReader
{
    public static FeatureMatrix Read(string path, string? label = null)
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
        var columns = FeatureColumns.Choose(path, names, numeric, label);

        var features = new List<float>();
        var labels = new List<float>();
        while (text is not null)
        {
            if (text.Length > 0)
            {
                var values = Split(text, path, line);
                CheckWidth(values, names.Count, path, line);
                foreach (var index in columns.FeatureIndexes)
                    features.Add(Parse(values[index], path, line, index, names[index]));
                labels.Add(Parse(values[columns.LabelIndex], path, line, columns.LabelIndex, names[columns.LabelIndex]));
            }
            text = reader.ReadLine();
            line++;
        }
        return new FeatureMatrix(features.ToArray(), labels.ToArray(), columns.FeatureIndexes.Length, columns.FeatureNames, columns.LabelName);
    }

    private static bool IsNumber(string value) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static float Parse(string value, string path, int line, int column, string name)
    {
        if (float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return number;
        throw new InvalidDataException(
            $"{path}:{line}:{column + 1}: column '{name}' holds '{value}', which is not a number (the column was numeric in the first row).");
    }

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
