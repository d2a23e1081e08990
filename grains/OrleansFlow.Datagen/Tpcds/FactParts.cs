using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>Splits a channel's tickets/orders into parts so each part holds about the layout's rows per part.</summary>
internal static class FactParts
{
    public static int Count(TpcdsContext ctx, long orders, TpcdsScale.LineRange lines) =>
        ctx.Layout.PartCount((long)(orders * lines.Average));

    /// <summary>Orders [First, First + Count) of a part; order numbers are First + 1 ….</summary>
    public static (long First, long Count) Slice(TpcdsContext ctx, long orders, TpcdsScale.LineRange lines, int part)
    {
        var parts = Count(ctx, orders, lines);
        var first = orders * part / parts;
        return (first, orders * (part + 1) / parts - first);
    }

    public static bool IsReturned(PartRandom r) => r.Next(1, 100) <= TpcdsScale.ReturnPercent;
}
