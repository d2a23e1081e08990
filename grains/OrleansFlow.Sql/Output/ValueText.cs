using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Output;

/// <summary>Text of one result value: ISO dates, decimals with exactly their scale, doubles round-trip, NULL as null.</summary>
public static class ValueText
{
    public static string? Format(Vector v, int row)
    {
        if (v.IsNull(row)) return null;
        return v.Type.Storage switch
        {
            StorageKind.Long => ValueConversion.ToText(v.Longs[row], v.Type),
            StorageKind.Double => ValueConversion.ToText(v.Doubles[row], v.Type),
            StorageKind.Decimal => ValueConversion.ToText(v.Decimals[row], v.Type),
            _ => v.Strings[row],
        };
    }
}
