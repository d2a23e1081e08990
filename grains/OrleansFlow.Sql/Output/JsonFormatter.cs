using System.Text.Json;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Output;

/// <summary>A JSON array of row objects; decimals keep their scale as JSON numbers, dates are ISO strings.</summary>
public static class JsonFormatter
{
    public static void Write(QueryResult result, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartArray();
        foreach (var batch in result.Batches)
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                json.WriteStartObject();
                for (int c = 0; c < batch.Columns.Count; c++)
                {
                    var v = batch.Columns[c];
                    json.WritePropertyName(result.Columns[c].Name);
                    if (v.IsNull(r)) { json.WriteNullValue(); continue; }
                    switch (v.Type.Kind)
                    {
                        case SqlTypeKind.Boolean: json.WriteBooleanValue(v.Longs[r] != 0); break;
                        case SqlTypeKind.Int32:
                        case SqlTypeKind.Int64: json.WriteNumberValue(v.Longs[r]); break;
                        case SqlTypeKind.Double:
                            if (double.IsFinite(v.Doubles[r])) json.WriteNumberValue(v.Doubles[r]);
                            else json.WriteStringValue(ValueConversion.FormatDouble(v.Doubles[r]));
                            break;
                        case SqlTypeKind.Decimal: json.WriteRawValue(ValueText.Format(v, r)!); break;
                        default: json.WriteStringValue(ValueText.Format(v, r)); break;
                    }
                }
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
    }

    public static string Format(QueryResult result)
    {
        using var stream = new MemoryStream();
        Write(result, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
