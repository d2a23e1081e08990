namespace OrleansFlow.Datagen.Tpcds;

/// <summary>warehouse: a small dimension, one part.</summary>
internal static class WarehouseWriter
{
    public static async Task<long> WriteAsync(TpcdsContext ctx, CancellationToken ct)
    {
        var r = ctx.Random("warehouse", 0);
        await using var w = await ctx.OpenAsync(TpcdsSchemas.Warehouse, 0, ct);
        var b = w.Batch;
        var sk = b.Int64("w_warehouse_sk");
        var id = b.String("w_warehouse_id");
        var name = b.String("w_warehouse_name");
        var squareFeet = b.Int32("w_warehouse_sq_ft");
        var streetNumber = b.String("w_street_number");
        var streetName = b.String("w_street_name");
        var streetType = b.String("w_street_type");
        var suite = b.String("w_suite_number");
        var city = b.String("w_city");
        var county = b.String("w_county");
        var state = b.String("w_state");
        var zip = b.String("w_zip");
        var country = b.String("w_country");
        var gmt = b.Decimal("w_gmt_offset");

        for (long k = 1; k <= ctx.Scale.Warehouses; k++)
        {
            var row = b.Add();
            var address = Address.Random(r);
            sk[row] = k;
            id[row] = TpcdsValues.BusinessKey(k);
            name[row] = TpcdsValues.Text(r, 2, 4, 20);
            squareFeet[row] = r.Next(50_000, 1_000_000);
            streetNumber[row] = address.StreetNumber;
            streetName[row] = address.StreetName;
            streetType[row] = address.StreetType;
            suite[row] = address.SuiteNumber;
            city[row] = address.City;
            county[row] = address.County;
            state[row] = address.State;
            zip[row] = address.Zip;
            country[row] = address.Country;
            gmt[row] = address.GmtOffset;
            await w.FlushIfFullAsync();
        }

        return ctx.Scale.Warehouses;
    }
}
