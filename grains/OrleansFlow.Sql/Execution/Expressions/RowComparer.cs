using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Expressions;

/// <summary>Compares non-NULL values of two vectors of the same type.</summary>
internal static class RowComparer
{
    public static int CompareValues(Vector a, int i, Vector b, int j) => a.Type.Storage switch
    {
        StorageKind.Long => a.Longs[i].CompareTo(b.Longs[j]),
        StorageKind.Double => a.Doubles[i].CompareTo(b.Doubles[j]),
        StorageKind.Decimal => a.Decimals[i].CompareTo(b.Decimals[j]),
        _ => Text.Compare(a.Strings[i], b.Strings[j]),
    };

    public static bool ValuesEqual(Vector a, int i, Vector b, int j) => a.Type.Storage switch
    {
        StorageKind.Long => a.Longs[i] == b.Longs[j],
        StorageKind.Double => a.Doubles[i].Equals(b.Doubles[j]),
        StorageKind.Decimal => a.Decimals[i] == b.Decimals[j],
        _ => string.Equals(a.Strings[i], b.Strings[j], StringComparison.Ordinal),
    };
}
