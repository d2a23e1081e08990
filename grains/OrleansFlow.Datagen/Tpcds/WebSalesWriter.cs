namespace OrleansFlow.Datagen.Tpcds;

/// <summary>
/// web_sales and web_returns generated together: orders of 8–16 lines, about one line in ten returned. A return
/// is refunded to the bill-to customer, comes back from the ship-to customer and names its sale's web page.
/// </summary>
internal static class WebSalesWriter
{
    public const string Label = "web_sales+web_returns";

    public static int PartCount(TpcdsContext ctx) =>
        FactParts.Count(ctx, ctx.Scale.WebOrders, TpcdsScale.WebLinesPerOrder);

    public static async Task<long> WriteAsync(TpcdsContext ctx, int part, CancellationToken ct)
    {
        var scale = ctx.Scale;
        var lineRange = TpcdsScale.WebLinesPerOrder;
        var (first, count) = FactParts.Slice(ctx, scale.WebOrders, lineRange, part);
        var r = ctx.Random("web_sales", part);
        await using var sw = await ctx.OpenAsync(TpcdsSchemas.WebSales, part, ct);
        await using var rw = await ctx.OpenAsync(TpcdsSchemas.WebReturns, part, ct);

        var s = sw.Batch;
        var soldDate = s.NullableInt64("ws_sold_date_sk");
        var soldTime = s.NullableInt64("ws_sold_time_sk");
        var shipDate = s.NullableInt64("ws_ship_date_sk");
        var item = s.Int64("ws_item_sk");
        var billCustomer = s.NullableInt64("ws_bill_customer_sk");
        var billCdemo = s.NullableInt64("ws_bill_cdemo_sk");
        var billHdemo = s.NullableInt64("ws_bill_hdemo_sk");
        var billAddr = s.NullableInt64("ws_bill_addr_sk");
        var shipCustomer = s.NullableInt64("ws_ship_customer_sk");
        var shipCdemo = s.NullableInt64("ws_ship_cdemo_sk");
        var shipHdemo = s.NullableInt64("ws_ship_hdemo_sk");
        var shipAddr = s.NullableInt64("ws_ship_addr_sk");
        var webPage = s.NullableInt64("ws_web_page_sk");
        var webSite = s.NullableInt64("ws_web_site_sk");
        var shipMode = s.NullableInt64("ws_ship_mode_sk");
        var warehouse = s.NullableInt64("ws_warehouse_sk");
        var promo = s.NullableInt64("ws_promo_sk");
        var order = s.Int64("ws_order_number");
        var pricing = new PricingColumns(s, "ws_", withShipping: true);

        var x = rw.Batch;
        var returnedDate = x.NullableInt64("wr_returned_date_sk");
        var returnedTime = x.NullableInt64("wr_returned_time_sk");
        var rItem = x.Int64("wr_item_sk");
        var refundedCustomer = x.NullableInt64("wr_refunded_customer_sk");
        var refundedCdemo = x.NullableInt64("wr_refunded_cdemo_sk");
        var refundedHdemo = x.NullableInt64("wr_refunded_hdemo_sk");
        var refundedAddr = x.NullableInt64("wr_refunded_addr_sk");
        var returningCustomer = x.NullableInt64("wr_returning_customer_sk");
        var returningCdemo = x.NullableInt64("wr_returning_cdemo_sk");
        var returningHdemo = x.NullableInt64("wr_returning_hdemo_sk");
        var returningAddr = x.NullableInt64("wr_returning_addr_sk");
        var rWebPage = x.NullableInt64("wr_web_page_sk");
        var reason = x.NullableInt64("wr_reason_sk");
        var rOrder = x.Int64("wr_order_number");
        var amounts = new ReturnColumns(x, "wr_", "wr_return_amt", "wr_account_credit");

        var items = new TicketItems(scale.Items, lineRange.Max);
        long lines = 0, returns = 0;
        for (var o = first + 1; o <= first + count; o++)
        {
            var date = TpcdsValues.RandomDateSk(r, TpcdsScale.FirstSaleDate, TpcdsScale.LastSaleDate);
            var time = r.Next(0L, TpcdsScale.TimeDimRows - 1);
            var bill = Party.Random(r, scale);
            var ship = r.Next(0, 1) == 0 ? bill : Party.Random(r, scale);
            var site = Nulls.Maybe(r, TpcdsValues.Key(r, scale.WebSites));
            var lineCount = items.Draw(r, r.Next(lineRange.Min, lineRange.Max));
            for (var i = 0; i < lineCount; i++)
            {
                var it = items[i];
                var row = s.Add();
                var line = SalesLine.Random(r);
                var page = Nulls.Maybe(r, TpcdsValues.Key(r, scale.WebPages));
                var shipped = date + r.Next(1, 120);
                soldDate[row] = Nulls.Maybe(r, date);
                soldTime[row] = Nulls.Maybe(r, time);
                shipDate[row] = Nulls.Maybe(r, shipped);
                item[row] = it;
                billCustomer[row] = bill.Customer;
                billCdemo[row] = bill.Cdemo;
                billHdemo[row] = bill.Hdemo;
                billAddr[row] = bill.Addr;
                shipCustomer[row] = ship.Customer;
                shipCdemo[row] = ship.Cdemo;
                shipHdemo[row] = ship.Hdemo;
                shipAddr[row] = ship.Addr;
                webPage[row] = page;
                webSite[row] = site;
                shipMode[row] = Nulls.Maybe(r, TpcdsValues.Key(r, TpcdsScale.ShipModes));
                warehouse[row] = Nulls.Maybe(r, TpcdsValues.Key(r, scale.Warehouses));
                promo[row] = Nulls.Maybe(r, TpcdsValues.Key(r, scale.Promotions));
                order[row] = o;
                pricing.Set(row, line);
                lines++;
                await sw.FlushIfFullAsync();

                if (FactParts.IsReturned(r))
                {
                    var xrow = x.Add();
                    returnedDate[xrow] = Nulls.Maybe(r, shipped + r.Next(1, ReturnLine.MaxDaysAfterSale));
                    returnedTime[xrow] = Nulls.Maybe(r, r.Next(0L, TpcdsScale.TimeDimRows - 1));
                    rItem[xrow] = it;
                    refundedCustomer[xrow] = bill.Customer;
                    refundedCdemo[xrow] = bill.Cdemo;
                    refundedHdemo[xrow] = bill.Hdemo;
                    refundedAddr[xrow] = bill.Addr;
                    returningCustomer[xrow] = ship.Customer;
                    returningCdemo[xrow] = ship.Cdemo;
                    returningHdemo[xrow] = ship.Hdemo;
                    returningAddr[xrow] = ship.Addr;
                    rWebPage[xrow] = page;
                    reason[xrow] = Nulls.Maybe(r, TpcdsValues.Key(r, scale.Reasons));
                    rOrder[xrow] = o;
                    amounts.Set(xrow, ReturnLine.Random(r, line));
                    returns++;
                    await rw.FlushIfFullAsync();
                }
            }
        }

        return lines + returns;
    }
}
