using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpch;

/// <summary>
/// orders (SF × 1 500 000 rows) and lineitem (1–7 lines per order) generated together, because o_totalprice and
/// o_orderstatus are computed from the order's lines (clause 4.2.3).
/// </summary>
internal static class OrdersWriter
{
    public const string Label = "orders+lineitem";
    private const int MaxLines = 7;

    private static readonly string[] ReturnedFlags = ["R", "A"];

    public static int PartCount(TpchContext ctx) => ctx.Layout.PartCount(ctx.Scale.Orders * 4);

    public static async Task<long> WriteAsync(TpchContext ctx, int part, CancellationToken ct)
    {
        var parts = PartCount(ctx);
        var first = ctx.Scale.Orders * part / parts;
        var last = ctx.Scale.Orders * (part + 1) / parts;
        var scale = ctx.Scale;
        var r = ctx.Random("orders", part);
        await using var ow = await ctx.OpenAsync(TpchSchemas.Orders, part, ct);
        await using var lw = await ctx.OpenAsync(TpchSchemas.LineItem, part, ct);

        var o = ow.Batch;
        var oKey = o.Int64("o_orderkey");
        var oCust = o.Int64("o_custkey");
        var oStatus = o.String("o_orderstatus");
        var oTotal = o.Decimal("o_totalprice");
        var oDate = o.Date("o_orderdate");
        var oPriority = o.String("o_orderpriority");
        var oClerk = o.String("o_clerk");
        var oShipPriority = o.Int32("o_shippriority");
        var oComment = o.String("o_comment");

        var l = lw.Batch;
        var lOrder = l.Int64("l_orderkey");
        var lPart = l.Int64("l_partkey");
        var lSupp = l.Int64("l_suppkey");
        var lNumber = l.Int32("l_linenumber");
        var lQty = l.Decimal("l_quantity");
        var lPrice = l.Decimal("l_extendedprice");
        var lDiscount = l.Decimal("l_discount");
        var lTax = l.Decimal("l_tax");
        var lFlag = l.String("l_returnflag");
        var lStatus = l.String("l_linestatus");
        var lShip = l.Date("l_shipdate");
        var lCommit = l.Date("l_commitdate");
        var lReceipt = l.Date("l_receiptdate");
        var lInstruct = l.String("l_shipinstruct");
        var lMode = l.String("l_shipmode");
        var lComment = l.String("l_comment");

        var orderDays = TpchScale.LastOrderDate.DayNumber - TpchScale.StartDate.DayNumber;
        var current = TpchScale.CurrentDate;
        long lines = 0;
        for (var i = first; i < last; i++)
        {
            var orderKey = TpchScale.OrderKey(i);
            var orderDate = TpchScale.StartDate.AddDays(r.Next(0, orderDays));
            var lineCount = r.Next(1, MaxLines);
            long totalCents = 0;
            var shipped = 0;
            for (var n = 1; n <= lineCount; n++)
            {
                var row = l.Add();
                var partKey = r.Next(1L, scale.Parts);
                var quantity = r.Next(1, 50);
                var discount = r.Next(0, 10);
                var tax = r.Next(0, 8);
                var priceCents = quantity * TpchScale.RetailPriceCents(partKey);
                var shipDate = orderDate.AddDays(r.Next(1, 121));
                var receiptDate = shipDate.AddDays(r.Next(1, 30));

                lOrder[row] = orderKey;
                lPart[row] = partKey;
                lSupp[row] = scale.SupplierOfPart(partKey, r.Next(0, TpchScale.SuppliersPerPart - 1));
                lNumber[row] = n;
                lQty[row] = quantity;
                lPrice[row] = Money.FromCents(priceCents);
                lDiscount[row] = Money.FromCents(discount);
                lTax[row] = Money.FromCents(tax);
                lFlag[row] = receiptDate <= current ? r.Pick(ReturnedFlags) : "N";
                lStatus[row] = shipDate > current ? "O" : "F";
                lShip[row] = shipDate;
                lCommit[row] = orderDate.AddDays(r.Next(30, 90));
                lReceipt[row] = receiptDate;
                lInstruct[row] = r.Pick(TpchWords.Instructions);
                lMode[row] = r.Pick(TpchWords.ShipModes);
                lComment[row] = ctx.Text.Comment(r, 10, 43);

                // extendedprice × (1 − discount) × (1 + tax), rounded to cents per line.
                totalCents += (priceCents * (100 - discount) * (100 + tax) + 5_000) / 10_000;
                shipped += shipDate > current ? 0 : 1;
                await lw.FlushIfFullAsync();
            }

            lines += lineCount;
            var orow = o.Add();
            oKey[orow] = orderKey;
            oCust[orow] = Customer(r, scale.Customers);
            oStatus[orow] = shipped == lineCount ? "F" : shipped == 0 ? "O" : "P";
            oTotal[orow] = Money.FromCents(totalCents);
            oDate[orow] = orderDate;
            oPriority[orow] = r.Pick(TpchWords.Priorities);
            oClerk[orow] = $"Clerk#{r.Next(1L, scale.Clerks):D9}";
            oShipPriority[orow] = 0;
            oComment[orow] = ctx.Text.Comment(r, 19, 78);
            await ow.FlushIfFullAsync();
        }

        return last - first + lines;
    }

    /// <summary>o_custkey: uniform over customers, but never a multiple of 3, so a third of customers have no orders.</summary>
    private static long Customer(PartRandom r, long customers)
    {
        long key;
        do
        {
            key = r.Next(1L, customers);
        }
        while (key % 3 == 0);
        return key;
    }
}
