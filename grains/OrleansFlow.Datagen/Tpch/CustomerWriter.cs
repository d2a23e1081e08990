namespace OrleansFlow.Datagen.Tpch;

/// <summary>customer: SF × 150 000 rows (clause 4.2.3).</summary>
internal static class CustomerWriter
{
    public static async Task<long> WriteAsync(TpchContext ctx, int part, CancellationToken ct)
    {
        var (first, count) = ctx.Layout.Slice(ctx.Scale.Customers, part);
        var r = ctx.Random("customer", part);
        await using var w = await ctx.OpenAsync(TpchSchemas.Customer, part, ct);
        var b = w.Batch;
        var key = b.Int64("c_custkey");
        var name = b.String("c_name");
        var address = b.String("c_address");
        var nation = b.Int64("c_nationkey");
        var phone = b.String("c_phone");
        var balance = b.Decimal("c_acctbal");
        var segment = b.String("c_mktsegment");
        var comment = b.String("c_comment");
        for (var k = first + 1; k <= first + count; k++)
        {
            var row = b.Add();
            key[row] = k;
            name[row] = $"Customer#{k:D9}";
            address[row] = TpchValues.VString(r, 10, 40);
            nation[row] = r.Next(0, 24);
            phone[row] = TpchValues.Phone(r, nation[row]);
            balance[row] = r.NextMoney(-999.99m, 9999.99m);
            segment[row] = r.Pick(TpchWords.Segments);
            comment[row] = ctx.Text.Comment(r, 29, 116);
            await w.FlushIfFullAsync();
        }

        return count;
    }
}
