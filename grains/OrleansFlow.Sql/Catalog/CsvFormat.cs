using System.Globalization;
using System.Text;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Catalog;

/// <summary>
/// CSV with a header line. Column types are inferred from the first rows: bigint, double, date (YYYY-MM-DD),
/// boolean, else varchar. An empty field is NULL. The whole file is one scan unit.
/// </summary>
internal sealed class CsvFormat : IFileFormat
{
    private const int InferenceRows = 1000;
    private const int BatchRows = 65_536;

    public IReadOnlyList<ColumnInfo> ReadSchema(string path)
    {
        using var reader = new StreamReader(path);
        int line = 1;
        var header = ReadRecord(reader, path, ref line)
            ?? throw new InvalidDataException($"'{path}': CSV file is empty (a header line is required)");
        var kinds = new SqlTypeKind?[header.Count];
        for (int r = 0; r < InferenceRows && ReadRecord(reader, path, ref line) is { } rec; r++)
        {
            for (int c = 0; c < kinds.Length && c < rec.Count; c++)
            {
                if (rec[c].Length == 0) continue;
                kinds[c] = Widen(kinds[c], Infer(rec[c]));
            }
        }
        var result = new List<ColumnInfo>();
        for (int c = 0; c < header.Count; c++)
            result.Add(new ColumnInfo(header[c].Trim().ToLowerInvariant(), new SqlType(kinds[c] ?? SqlTypeKind.Varchar)));
        return result;
    }

    public IReadOnlyList<long> UnitRowCounts(string path)
    {
        using var reader = new StreamReader(path);
        int line = 1;
        long rows = -1;
        while (ReadRecord(reader, path, ref line) is not null) rows++;
        return [Math.Max(rows, 0)];
    }

    public IEnumerable<Batch> ReadUnit(string path, int unit, IReadOnlyList<ColumnInfo> schema, IReadOnlyList<int> columns,
        IReadOnlyList<ScanPredicate> predicates)
    {
        using var reader = new StreamReader(path);
        int line = 1;
        ReadRecord(reader, path, ref line);
        var rows = new List<List<string>>(BatchRows);
        var lines = new List<int>(BatchRows);
        while (true)
        {
            int recordLine = line;
            var rec = ReadRecord(reader, path, ref line);
            if (rec is not null)
            {
                if (rec.Count != schema.Count)
                    throw new InvalidDataException($"'{path}' line {recordLine}: expected {schema.Count} fields but found {rec.Count}");
                rows.Add(rec);
                lines.Add(recordLine);
            }
            if (rows.Count == BatchRows || (rec is null && rows.Count > 0))
            {
                yield return ToBatch(rows, lines, schema, columns, path);
                rows.Clear();
                lines.Clear();
            }
            if (rec is null) yield break;
        }
    }

    private static Batch ToBatch(List<List<string>> rows, List<int> lines, IReadOnlyList<ColumnInfo> schema,
        IReadOnlyList<int> columns, string path)
    {
        var vectors = new Vector[columns.Count];
        for (int c = 0; c < vectors.Length; c++)
        {
            var col = schema[columns[c]];
            var v = new Vector(col.Type, rows.Count);
            for (int r = 0; r < rows.Count; r++)
            {
                string text = rows[r][columns[c]];
                if (text.Length == 0) { v.SetNull(r); continue; }
                if (!TryStore(v, r, text))
                    throw new InvalidDataException($"'{path}' line {lines[r]}, column '{col.Name}': '{text}' is not a valid {col.Type}");
            }
            vectors[c] = v;
        }
        return new Batch(vectors, rows.Count);
    }

    private static bool TryStore(Vector v, int r, string text)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (v.Type.Kind)
        {
            case SqlTypeKind.Int32:
            case SqlTypeKind.Int64: return long.TryParse(text, NumberStyles.Integer, inv, out v.Longs[r]);
            case SqlTypeKind.Double: return double.TryParse(text, NumberStyles.Float, inv, out v.Doubles[r]);
            case SqlTypeKind.Decimal: return decimal.TryParse(text, NumberStyles.Float, inv, out v.Decimals[r]);
            case SqlTypeKind.Date: return Dates.TryParse(text, out v.Longs[r]);
            case SqlTypeKind.Boolean:
                if (!bool.TryParse(text, out bool b)) return false;
                v.Longs[r] = b ? 1 : 0;
                return true;
            default: v.Strings[r] = text; return true;
        }
    }

    private static SqlTypeKind Infer(string text)
    {
        var inv = CultureInfo.InvariantCulture;
        if (long.TryParse(text, NumberStyles.Integer, inv, out _)) return SqlTypeKind.Int64;
        if (double.TryParse(text, NumberStyles.Float, inv, out _)) return SqlTypeKind.Double;
        if (Dates.TryParse(text, out _)) return SqlTypeKind.Date;
        if (bool.TryParse(text, out _)) return SqlTypeKind.Boolean;
        return SqlTypeKind.Varchar;
    }

    private static SqlTypeKind Widen(SqlTypeKind? seen, SqlTypeKind next)
    {
        if (seen is null || seen == next) return next;
        if ((seen, next) is (SqlTypeKind.Int64, SqlTypeKind.Double) or (SqlTypeKind.Double, SqlTypeKind.Int64))
            return SqlTypeKind.Double;
        return SqlTypeKind.Varchar;
    }

    /// <summary>One record (RFC 4180 quoting, quoted fields may span lines), or null at end of file.</summary>
    private static List<string>? ReadRecord(StreamReader reader, string path, ref int line)
    {
        string? text = reader.ReadLine();
        if (text is null) return null;
        int startLine = line++;
        var fields = new List<string>();
        var sb = new StringBuilder();
        int i = 0;
        while (true)
        {
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        string? more = reader.ReadLine()
                            ?? throw new InvalidDataException($"'{path}' line {startLine}: unterminated quoted field");
                        line++;
                        sb.Append('\n');
                        text = more;
                        i = 0;
                        continue;
                    }
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(text[i++]);
                }
            }
            while (i < text.Length && text[i] != ',') sb.Append(text[i++]);
            fields.Add(sb.ToString());
            sb.Clear();
            if (i >= text.Length) return fields;
            i++;
        }
    }
}
