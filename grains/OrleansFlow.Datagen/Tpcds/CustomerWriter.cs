namespace OrleansFlow.Datagen.Tpcds;

/// <summary>customer: references customer_demographics, household_demographics, customer_address and date_dim.</summary>
internal static class CustomerWriter
{
    public static async Task<long> WriteAsync(TpcdsContext ctx, int part, CancellationToken ct)
    {
        var (first, count) = ctx.Layout.Slice(ctx.Scale.Customers, part);
        var r = ctx.Random("customer", part);
        await using var w = await ctx.OpenAsync(TpcdsSchemas.Customer, part, ct);
        var b = w.Batch;
        var sk = b.Int64("c_customer_sk");
        var id = b.String("c_customer_id");
        var cdemo = b.Int64("c_current_cdemo_sk");
        var hdemo = b.Int64("c_current_hdemo_sk");
        var addr = b.Int64("c_current_addr_sk");
        var firstShipto = b.Int64("c_first_shipto_date_sk");
        var firstSales = b.Int64("c_first_sales_date_sk");
        var salutation = b.String("c_salutation");
        var firstName = b.String("c_first_name");
        var lastName = b.String("c_last_name");
        var preferred = b.String("c_preferred_cust_flag");
        var birthDay = b.Int32("c_birth_day");
        var birthMonth = b.Int32("c_birth_month");
        var birthYear = b.Int32("c_birth_year");
        var birthCountry = b.String("c_birth_country");
        var login = b.String("c_login");
        var email = b.String("c_email_address");
        var lastReview = b.Int64("c_last_review_date_sk");

        for (var k = first + 1; k <= first + count; k++)
        {
            var row = b.Add();
            var firstSale = TpcdsValues.RandomDateSk(r, TpcdsScale.FirstSaleDate, TpcdsScale.LastSaleDate);
            var given = r.Pick(TpcdsWords.FirstNames);
            var family = r.Pick(TpcdsWords.LastNames);
            var birth = new DateOnly(1924, 1, 1).AddDays(r.Next(0, 68 * 365));
            sk[row] = k;
            id[row] = TpcdsValues.BusinessKey(k);
            cdemo[row] = TpcdsValues.Key(r, TpcdsScale.CustomerDemographicsRows);
            hdemo[row] = TpcdsValues.Key(r, TpcdsScale.HouseholdDemographicsRows);
            addr[row] = TpcdsValues.Key(r, ctx.Scale.CustomerAddresses);
            firstSales[row] = firstSale;
            firstShipto[row] = firstSale + r.Next(0, 30);
            salutation[row] = r.Pick(TpcdsWords.Salutations);
            firstName[row] = given;
            lastName[row] = family;
            preferred[row] = r.Pick(TpcdsWords.YesNo);
            birthDay[row] = birth.Day;
            birthMonth[row] = birth.Month;
            birthYear[row] = birth.Year;
            birthCountry[row] = r.Pick(TpcdsWords.Countries);
            login[row] = null!;
            email[row] = $"{given}.{family}@{TpcdsValues.SyllableName(r.Next(0, 99))}.com";
            lastReview[row] = TpcdsValues.RandomDateSk(r, TpcdsScale.FirstSaleDate, TpcdsScale.LastSaleDate);
            await w.FlushIfFullAsync();
        }

        return count;
    }
}
