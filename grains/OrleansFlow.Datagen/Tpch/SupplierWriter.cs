namespace OrleansFlow.Datagen.Tpch;

/// <summary>supplier: SF × 10 000 rows (clause 4.2.3), including the "Customer … Complaints/Recommends" comments.</summary>
internal static class SupplierWriter
{
    public static async Task<long> WriteAsync(TpchContext ctx, int part, CancellationToken ct)
    {
        var (first, count) = ctx.Layout.Slice(ctx.Scale.Suppliers, part);
        var r = ctx.Random("supplier", part);
        await using var w = await ctx.OpenAsync(TpchSchemas.Supplier, part, ct);
        var b = w.Batch;
        var key = b.Int64("s_suppkey");
        var name = b.String("s_name");
        var address = b.String("s_address");
        var nation = b.Int64("s_nationkey");
        var phone = b.String("s_phone");
        var balance = b.Decimal("s_acctbal");
        var comment = b.String("s_comment");
        for (var k = first + 1; k <= first + count; k++)
        {
            var row = b.Add();
            key[row] = k;
            name[row] = $"Supplier#{k:D9}";
            address[row] = TpchValues.VString(r, 10, 40);
            nation[row] = r.Next(0, 24);
            phone[row] = TpchValues.Phone(r, nation[row]);
            balance[row] = r.NextMoney(-999.99m, 9999.99m);
            comment[row] = Comment(ctx, r);
            await w.FlushIfFullAsync();
        }

        return count;
    }

    /// <summary>5 in 10 000 suppliers get complaints and 5 in 10 000 recommendations (used by Q16).</summary>
    private static string Comment(TpchContext ctx, Core.PartRandom r)
    {
        var text = ctx.Text.Comment(r, 25, 100);
        var pick = r.Next(1, 10_000);
        return pick switch
        {
            <= 5 => $"{text[..(text.Length / 2)]}Customer {ctx.Text.Comment(r, 0, 10)}Complaints{text[(text.Length / 2)..]}",
            <= 10 => $"{text[..(text.Length / 2)]}Customer {ctx.Text.Comment(r, 0, 10)}Recommends{text[(text.Length / 2)..]}",
            _ => text,
        };
    }
}
