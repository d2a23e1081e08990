namespace OrleansFlow.Datagen.Tpcds;

/// <summary>store: a small dimension, one part; each store is its own current version (no history rows).</summary>
internal static class StoreWriter
{
    private static readonly DateOnly RecordStart = new(1997, 3, 13);

    public static async Task<long> WriteAsync(TpcdsContext ctx, CancellationToken ct)
    {
        var r = ctx.Random("store", 0);
        await using var w = await ctx.OpenAsync(TpcdsSchemas.Store, 0, ct);
        var b = w.Batch;
        var sk = b.Int64("s_store_sk");
        var id = b.String("s_store_id");
        var recStart = b.Date("s_rec_start_date");
        var recEnd = b.NullableDate("s_rec_end_date");
        var closed = b.NullableInt64("s_closed_date_sk");
        var name = b.String("s_store_name");
        var employees = b.Int32("s_number_employees");
        var floorSpace = b.Int32("s_floor_space");
        var hours = b.String("s_hours");
        var manager = b.String("s_manager");
        var marketId = b.Int32("s_market_id");
        var geography = b.String("s_geography_class");
        var marketDesc = b.String("s_market_desc");
        var marketManager = b.String("s_market_manager");
        var divisionId = b.Int32("s_division_id");
        var divisionName = b.String("s_division_name");
        var companyId = b.Int32("s_company_id");
        var companyName = b.String("s_company_name");
        var streetNumber = b.String("s_street_number");
        var streetName = b.String("s_street_name");
        var streetType = b.String("s_street_type");
        var suite = b.String("s_suite_number");
        var city = b.String("s_city");
        var county = b.String("s_county");
        var state = b.String("s_state");
        var zip = b.String("s_zip");
        var country = b.String("s_country");
        var gmt = b.Decimal("s_gmt_offset");
        var tax = b.Decimal("s_tax_precentage");

        for (long k = 1; k <= ctx.Scale.Stores; k++)
        {
            var row = b.Add();
            var address = Address.Random(r);
            sk[row] = k;
            id[row] = TpcdsValues.BusinessKey(k);
            recStart[row] = RecordStart;
            recEnd[row] = null;
            // About one store in ten has closed; closed stores still have their earlier sales.
            closed[row] = r.Next(1, 10) == 1
                ? TpcdsValues.RandomDateSk(r, TpcdsScale.FirstSaleDate, TpcdsScale.LastSaleDate)
                : null;
            name[row] = TpcdsValues.SyllableName(k);
            employees[row] = r.Next(200, 300);
            floorSpace[row] = r.Next(5_000_000, 10_000_000);
            hours[row] = r.Pick(TpcdsWords.StoreHours);
            manager[row] = TpcdsValues.PersonName(r);
            marketId[row] = r.Next(1, 10);
            geography[row] = "Unknown";
            marketDesc[row] = TpcdsValues.Text(r, 5, 15, 100);
            marketManager[row] = TpcdsValues.PersonName(r);
            divisionId[row] = 1;
            divisionName[row] = "Unknown";
            companyId[row] = 1;
            companyName[row] = "Unknown";
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
            tax[row] = Core.Money.FromCents(r.Next(0, 11));
            await w.FlushIfFullAsync();
        }

        return ctx.Scale.Stores;
    }
}
