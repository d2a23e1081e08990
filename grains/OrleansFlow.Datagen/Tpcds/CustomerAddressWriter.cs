namespace OrleansFlow.Datagen.Tpcds;

/// <summary>customer_address: split into parts by key range.</summary>
internal static class CustomerAddressWriter
{
    public static async Task<long> WriteAsync(TpcdsContext ctx, int part, CancellationToken ct)
    {
        var (first, count) = ctx.Layout.Slice(ctx.Scale.CustomerAddresses, part);
        var r = ctx.Random("customer_address", part);
        await using var w = await ctx.OpenAsync(TpcdsSchemas.CustomerAddress, part, ct);
        var b = w.Batch;
        var sk = b.Int64("ca_address_sk");
        var id = b.String("ca_address_id");
        var streetNumber = b.String("ca_street_number");
        var streetName = b.String("ca_street_name");
        var streetType = b.String("ca_street_type");
        var suite = b.String("ca_suite_number");
        var city = b.String("ca_city");
        var county = b.String("ca_county");
        var state = b.String("ca_state");
        var zip = b.String("ca_zip");
        var country = b.String("ca_country");
        var gmt = b.Decimal("ca_gmt_offset");
        var locationType = b.String("ca_location_type");

        for (var k = first + 1; k <= first + count; k++)
        {
            var row = b.Add();
            var address = Address.Random(r);
            sk[row] = k;
            id[row] = TpcdsValues.BusinessKey(k);
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
            locationType[row] = r.Pick(TpcdsWords.LocationTypes);
            await w.FlushIfFullAsync();
        }

        return count;
    }
}
