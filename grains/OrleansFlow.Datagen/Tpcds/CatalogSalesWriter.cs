namespace OrleansFlow.Datagen.Tpcds;

/// <summary>
/// catalog_sales and catalog_returns generated together: orders of 4–14 lines, about one line in ten returned.
/// A return is refunded to the bill-to customer and comes back from the ship-to customer of its sale.
/// </summary>
internal static class CatalogSalesWriter
{
    public const string Label = "catalog_sales+catalog_returns";

    public static int PartCount(TpcdsContext ctx) =>
        FactParts.Count(ctx, ctx.Scale.CatalogOrders, TpcdsScale.CatalogLinesPerOrder);

    public static async Task<long> WriteAsync(TpcdsContext ctx, int part, CancellationToken ct)
    {
        var scale = ctx.Scale;
        var lineRange = TpcdsScale.CatalogLinesPerOrder;
        var (first, count) = FactParts.Slice(ctx, scale.CatalogOrders, lineRange, part);
        var r = ctx.Random("catalog_sales", part);
        await using var sw = await ctx.OpenAsync(TpcdsSchemas.CatalogSales, part, ct);
        await using var rw = await ctx.OpenAsync(TpcdsSchemas.CatalogReturns, part, ct);

        var s = sw.Batch;
        var soldDate = s.NullableInt64("cs_sold_date_sk");
        var soldTime = s.NullableInt64("cs_sold_time_sk");
        var shipDate = s.NullableInt64("cs_ship_date_sk");
        var billCustomer = s.NullableInt64("cs_bill_customer_sk");
        var billCdemo = s.NullableInt64("cs_bill_cdemo_sk");
        var billHdemo = s.NullableInt64("cs_bill_hdemo_sk");
        var billAddr = s.NullableInt64("cs_bill_addr_sk");
        var shipCustomer = s.NullableInt64("cs_ship_customer_sk");
        var shipCdemo = s.NullableInt64("cs_ship_cdemo_sk");
        var shipHdemo = s.NullableInt64("cs_ship_hdemo_sk");
        var shipAddr = s.NullableInt64("cs_ship_addr_sk");
        var callCenter = s.NullableInt64("cs_call_center_sk");
        var page = s.NullableInt64("cs_catalog_page_sk");
        var shipMode = s.NullableInt64("cs_ship_mode_sk");
        var warehouse = s.NullableInt64("cs_warehouse_sk");
        var item = s.Int64("cs_item_sk");
        var promo = s.NullableInt64("cs_promo_sk");
        var order = s.Int64("cs_order_number");
        var pricing = new PricingColumns(s, "cs_", withShipping: true);

        var x = rw.Batch;
        var returnedDate = x.NullableInt64("cr_returned_date_sk");
        var returnedTime = x.NullableInt64("cr_returned_time_sk");
        var rItem = x.Int64("cr_item_sk");
        var refundedCustomer = x.NullableInt64("cr_refunded_customer_sk");
        var refundedCdemo = x.NullableInt64("cr_refunded_cdemo_sk");
        var refundedHdemo = x.NullableInt64("cr_refunded_hdemo_sk");
        var refundedAddr = x.NullableInt64("cr_refunded_addr_sk");
        var returningCustomer = x.NullableInt64("cr_returning_customer_sk");
        var returningCdemo = x.NullableInt64("cr_returning_cdemo_sk");
        var returningHdemo = x.NullableInt64("cr_returning_hdemo_sk");
        var returningAddr = x.NullableInt64("cr_returning_addr_sk");
        var rCallCenter = x.NullableInt64("cr_call_center_sk");
        var rPage = x.NullableInt64("cr_catalog_page_sk");
        var rShipMode = x.NullableInt64("cr_ship_mode_sk");
        var rWarehouse = x.NullableInt64("cr_warehouse_sk");
        var reason = x.NullableInt64("cr_reason_sk");
        var rOrder = x.Int64("cr_order_number");
        var amounts = new ReturnColumns(x, "cr_", "cr_return_amount", "cr_store_credit");

        var items = new TicketItems(scale.Items, lineRange.Max);
        long lines = 0, returns = 0;
        for (var o = first + 1; o <= first + count; o++)
        {
            var date = TpcdsValues.RandomDateSk(r, TpcdsScale.FirstSaleDate, TpcdsScale.LastSaleDate);
            var time = r.Next(0L, TpcdsScale.TimeDimRows - 1);
            var bill = Party.Random(r, scale);
            // Half the orders ship to the buyer, the others to someone else.
            var ship = r.Next(0, 1) == 0 ? bill : Party.Random(r, scale);
            var center = Nulls.Maybe(r, TpcdsValues.Key(r, scale.CallCenters));
            var lineCount = items.Draw(r, r.Next(lineRange.Min, lineRange.Max));
            for (var i = 0; i < lineCount; i++)
            {
                var it = items[i];
                var row = s.Add();
                var line = SalesLine.Random(r);
                var pg = Nulls.Maybe(r, TpcdsValues.Key(r, scale.CatalogPages));
                var mode = Nulls.Maybe(r, TpcdsValues.Key(r, TpcdsScale.ShipModes));
                var wh = Nulls.Maybe(r, TpcdsValues.Key(r, scale.Warehouses));
                var shipped = date + r.Next(2, 90);
                soldDate[row] = Nulls.Maybe(r, date);
                soldTime[row] = Nulls.Maybe(r, time);
                shipDate[row] = Nulls.Maybe(r, shipped);
                billCustomer[row] = bill.Customer;
                billCdemo[row] = bill.Cdemo;
                billHdemo[row] = bill.Hdemo;
                billAddr[row] = bill.Addr;
                shipCustomer[row] = ship.Customer;
                shipCdemo[row] = ship.Cdemo;
                shipHdemo[row] = ship.Hdemo;
                shipAddr[row] = ship.Addr;
                callCenter[row] = center;
                page[row] = pg;
                shipMode[row] = mode;
                warehouse[row] = wh;
                item[row] = it;
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
                    rCallCenter[xrow] = center;
                    rPage[xrow] = pg;
                    rShipMode[xrow] = mode;
                    rWarehouse[xrow] = wh;
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
