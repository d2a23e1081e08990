namespace OrleansFlow.Sql.Output;

/// <summary>RFC 4180 CSV: a header line, then one line per row; NULL is an empty field.</summary>
public static class CsvFormatter
{
    public static void Write(QueryResult result, TextWriter writer)
    {
        writer.Write(string.Join(",", result.Columns.Select(c => Quote(c.Name))));
        writer.Write('\n');
        foreach (var batch in result.Batches)
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                for (int c = 0; c < batch.Columns.Count; c++)
                {
                    if (c > 0) writer.Write(',');
                    if (ValueText.Format(batch.Columns[c], r) is { } text) writer.Write(Quote(text));
                }
                writer.Write('\n');
            }
        }
    }

    public static string Format(QueryResult result)
    {
        using var writer = new StringWriter();
        Write(result, writer);
        return writer.ToString();
    }

    // An empty string is quoted so that it differs from NULL.
    private static string Quote(string s) =>
        s.Length == 0 || s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
