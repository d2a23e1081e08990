using System.Globalization;
using System.Numerics;

namespace OrleansFlow.Datagen.Tests;

/// <summary>DuckDB returns sums of integers as HUGEINT (BigInteger), which Convert does not handle.</summary>
internal static class Num
{
    public static decimal Dec(object? value) => value switch
    {
        BigInteger b => (decimal)b,
        null => throw new ArgumentNullException(nameof(value), "Expected a number, got SQL NULL."),
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    public static long Long(object? value) => (long)Dec(value);
}
