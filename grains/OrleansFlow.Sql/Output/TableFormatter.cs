

namespace OrleansFlow.Sql.Output;

/// <summary>A boxed text table for terminals: numbers right-aligned, NULL shown as NULL, long results cut.</summary>
public static class TableFormatter
{
    public static string Format(QueryResult result, int maxRows = 1000)
    {
        var headers = result.Columns.Select(c => c.Name).ToArray();
        var rightAlign = result.Columns.Select(c => c.Type.IsNumeric).ToArray();
        var rows = new List<string[]>();
        long total = result.RowCount;
        foreach (var batch in result.Batches)
        {
            for (int r = 0; r < batch.RowCount && rows.Count < maxRows; r++)
                rows.Add(batch.Columns.Select(v => ValueText.Format(v, r) ?? "NULL").ToArray());
        }
        var typeNames = result.Columns.Select(c => c.Type.ToString()).ToArray();
        var widths = headers.Select((h, c) => Math.Max(Math.Max(h.Length, typeNames[c].Length), rows.Count == 0 ? 0 : rows.Max(row => row[c].Length))).ToArray();
        var sb = new System.Text.StringBuilder();
        string rule = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+\n";
        sb.Append(rule);
        sb.Append("| ").Append(string.Join(" | ", headers.Select((h, c) => h.PadRight(widths[c])))).Append(" |\n");
        sb.Append("| ").Append(string.Join(" | ", typeNames.Select((t, c) => t.PadRight(widths[c])))).Append(" |\n");
        sb.Append(rule);
        foreach (var row in rows)
        {
            sb.Append("| ")
              .Append(string.Join(" | ", row.Select((v, c) => rightAlign[c] ? v.PadLeft(widths[c]) : v.PadRight(widths[c]))))
              .Append(" |\n");
        }
        sb.Append(rule);
        sb.Append(total == rows.Count ? $"{total} row{(total == 1 ? "" : "s")}\n" : $"{rows.Count} of {total} rows shown\n");
        return sb.ToString();
    }

}
