namespace OrleansFlow.Datagen.Tpcds;

/// <summary>
/// customer_demographics (1 920 800 rows) and household_demographics (7 200 rows) are the cross products of their
/// attribute domains (clause 3.4): the row's key, minus one, is decoded digit by digit into the attribute values.
/// </summary>
internal static class DemographicsWriter
{
    private static readonly int[] PurchaseEstimates = Enumerable.Range(1, 20).Select(i => i * 500).ToArray();

    public static async Task<long> WriteCustomerAsync(TpcdsContext ctx, int part, CancellationToken ct)
    {
        var (first, count) = ctx.Layout.Slice(TpcdsScale.CustomerDemographicsRows, part);
        await using var w = await ctx.OpenAsync(TpcdsSchemas.CustomerDemographics, part, ct);
        var b = w.Batch;
        var sk = b.Int64("cd_demo_sk");
        var gender = b.String("cd_gender");
        var marital = b.String("cd_marital_status");
        var education = b.String("cd_education_status");
        var purchase = b.Int32("cd_purchase_estimate");
        var credit = b.String("cd_credit_rating");
        var dependents = b.Int32("cd_dep_count");
        var employed = b.Int32("cd_dep_employed_count");
        var college = b.Int32("cd_dep_college_count");

        for (var k = first + 1; k <= first + count; k++)
        {
            var row = b.Add();
            var n = k - 1;
            sk[row] = k;
            gender[row] = TpcdsWords.Genders[Digit(ref n, TpcdsWords.Genders.Length)];
            marital[row] = TpcdsWords.MaritalStatuses[Digit(ref n, TpcdsWords.MaritalStatuses.Length)];
            education[row] = TpcdsWords.EducationStatuses[Digit(ref n, TpcdsWords.EducationStatuses.Length)];
            purchase[row] = PurchaseEstimates[Digit(ref n, PurchaseEstimates.Length)];
            credit[row] = TpcdsWords.CreditRatings[Digit(ref n, TpcdsWords.CreditRatings.Length)];
            dependents[row] = Digit(ref n, 7);
            employed[row] = Digit(ref n, 7);
            college[row] = Digit(ref n, 7);
            await w.FlushIfFullAsync();
        }

        return count;
    }

    public static async Task<long> WriteHouseholdAsync(TpcdsContext ctx, CancellationToken ct)
    {
        await using var w = await ctx.OpenAsync(TpcdsSchemas.HouseholdDemographics, 0, ct);
        var b = w.Batch;
        var sk = b.Int64("hd_demo_sk");
        var incomeBand = b.Int64("hd_income_band_sk");
        var potential = b.String("hd_buy_potential");
        var dependents = b.Int32("hd_dep_count");
        var vehicles = b.Int32("hd_vehicle_count");

        for (long k = 1; k <= TpcdsScale.HouseholdDemographicsRows; k++)
        {
            var row = b.Add();
            var n = k - 1;
            sk[row] = k;
            incomeBand[row] = Digit(ref n, (int)TpcdsScale.IncomeBands) + 1;
            potential[row] = TpcdsWords.BuyPotentials[Digit(ref n, TpcdsWords.BuyPotentials.Length)];
            dependents[row] = Digit(ref n, 10);
            vehicles[row] = Digit(ref n, 6) - 1;
            await w.FlushIfFullAsync();
        }

        return TpcdsScale.HouseholdDemographicsRows;
    }

    private static int Digit(ref long n, int radix)
    {
        var digit = (int)(n % radix);
        n /= radix;
        return digit;
    }
}
