namespace OrleansFlow.Datagen.Tpcds;

/// <summary>
/// store_sales and store_returns generated together: tickets of 8–16 lines, about one line in ten returned. Each
/// return copies its sale's item, ticket, customer and store, so returns always reference an existing sale.
/// </summary>
internal static class StoreSalesWriter
{
    public const string Label = "store_sales+store_returns";

    public static int PartCount(TpcdsContext ctx) =>
        FactParts.Count(ctx, ctx.Scale.StoreTickets, TpcdsScale.StoreLinesPerTicket);

    public static async Task<long> WriteAsync(TpcdsContext ctx, int part, CancellationToken ct)
    {
        var scale = ctx.Scale;
        var lineRange = TpcdsScale.StoreLinesPerTicket;
        var (first, count) = FactParts.Slice(ctx, scale.StoreTickets, lineRange, part);
        var r = ctx.Random("store_sales", part);
        await using var sw = await ctx.OpenAsync(TpcdsSchemas.StoreSales, part, ct);
        await using var rw = await ctx.OpenAsync(TpcdsSchemas.StoreReturns, part, ct);

        var s = sw.Batch;
        var soldDate = s.NullableInt64("ss_sold_date_sk");
        var soldTime = s.NullableInt64("ss_sold_time_sk");
        var item = s.Int64("ss_item_sk");
        var customer = s.NullableInt64("ss_customer_sk");
        var cdemo = s.NullableInt64("ss_cdemo_sk");
        var hdemo = s.NullableInt64("ss_hdemo_sk");
        var addr = s.NullableInt64("ss_addr_sk");
        var store = s.NullableInt64("ss_store_sk");
        var promo = s.NullableInt64("ss_promo_sk");
        var ticket = s.Int64("ss_ticket_number");
        var pricing = new PricingColumns(s, "ss_", withShipping: false);

        var x = rw.Batch;
        var returnedDate = x.NullableInt64("sr_returned_date_sk");
        var returnTime = x.NullableInt64("sr_return_time_sk");
        var rItem = x.Int64("sr_item_sk");
        var rCustomer = x.NullableInt64("sr_customer_sk");
        var rCdemo = x.NullableInt64("sr_cdemo_sk");
        var rHdemo = x.NullableInt64("sr_hdemo_sk");
        var rAddr = x.NullableInt64("sr_addr_sk");
        var rStore = x.NullableInt64("sr_store_sk");
        var reason = x.NullableInt64("sr_reason_sk");
        var rTicket = x.Int64("sr_ticket_number");
        var amounts = new ReturnColumns(x, "sr_", "sr_return_amt", "sr_store_credit");

        var items = new TicketItems(scale.Items, lineRange.Max);
        long lines = 0, returns = 0;
        for (var t = first + 1; t <= first + count; t++)
        {
            var date = TpcdsValues.RandomDateSk(r, TpcdsScale.FirstSaleDate, TpcdsScale.LastSaleDate);
            var time = r.Next(8 * 3600L, 22 * 3600L - 1);
            // The ticket's customer and store are NULL for the whole ticket, and so for its returns.
            var cust = Nulls.Maybe(r, TpcdsValues.Key(r, scale.Customers));
            var cd = Nulls.Maybe(r, TpcdsValues.Key(r, TpcdsScale.CustomerDemographicsRows));
            var hd = Nulls.Maybe(r, TpcdsValues.Key(r, TpcdsScale.HouseholdDemographicsRows));
            var ad = Nulls.Maybe(r, TpcdsValues.Key(r, scale.CustomerAddresses));
            var st = Nulls.Maybe(r, TpcdsValues.Key(r, scale.Stores));
            var lineCount = items.Draw(r, r.Next(lineRange.Min, lineRange.Max));
            for (var i = 0; i < lineCount; i++)
            {
                var it = items[i];
                var row = s.Add();
                var line = SalesLine.Random(r);
                soldDate[row] = Nulls.Maybe(r, date);
                soldTime[row] = Nulls.Maybe(r, time);
                item[row] = it;
                customer[row] = cust;
                cdemo[row] = cd;
                hdemo[row] = hd;
                addr[row] = ad;
                store[row] = st;
                promo[row] = Nulls.Maybe(r, TpcdsValues.Key(r, scale.Promotions));
                ticket[row] = t;
                pricing.Set(row, line);
                lines++;
                await sw.FlushIfFullAsync();

                if (FactParts.IsReturned(r))
                {
                    var xrow = x.Add();
                    returnedDate[xrow] = Nulls.Maybe(r, date + r.Next(1, ReturnLine.MaxDaysAfterSale));
                    returnTime[xrow] = Nulls.Maybe(r, r.Next(8 * 3600L, 22 * 3600L - 1));
                    rItem[xrow] = it;
                    rCustomer[xrow] = cust;
                    rCdemo[xrow] = cd;
                    rHdemo[xrow] = hd;
                    rAddr[xrow] = ad;
                    rStore[xrow] = st;
                    reason[xrow] = Nulls.Maybe(r, TpcdsValues.Key(r, scale.Reasons));
                    rTicket[xrow] = t;
                    amounts.Set(xrow, ReturnLine.Random(r, line));
                    returns++;
                    await rw.FlushIfFullAsync();
                }
            }
        }

        return lines + returns;
    }
}
