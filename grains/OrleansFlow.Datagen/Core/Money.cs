namespace OrleansFlow.Datagen.Core;

/// <summary>
/// Money is computed in integer cents (exact, fast) and turned into decimal(…,2) only when stored.
/// </summary>
internal static class Money
{
    public static decimal FromCents(long cents)
    {
        var negative = cents < 0;
        var magnitude = negative ? (ulong)(-cents) : (ulong)cents;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, 2);
    }

    /// <summary>Rounds value × percent / 100 half away from zero to whole cents.</summary>
    public static long Percent(long cents, long percent)
    {
        var product = cents * percent;
        return product >= 0 ? (product + 50) / 100 : (product - 50) / 100;
    }
}
