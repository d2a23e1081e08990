namespace OrleansFlow.Datagen.Tpcds;

/// <summary>promotion: a small dimension, one part; each promotion runs for a random period within the sales years.</summary>
internal static class PromotionWriter
{
    public static async Task<long> WriteAsync(TpcdsContext ctx, CancellationToken ct)
    {
        var r = ctx.Random("promotion", 0);
        await using var w = await ctx.OpenAsync(TpcdsSchemas.Promotion, 0, ct);
        var b = w.Batch;
        var sk = b.Int64("p_promo_sk");
        var id = b.String("p_promo_id");
        var start = b.Int64("p_start_date_sk");
        var end = b.Int64("p_end_date_sk");
        var item = b.Int64("p_item_sk");
        var cost = b.Decimal("p_cost");
        var target = b.Int32("p_response_target");
        var name = b.String("p_promo_name");
        string[][] channels =
        [
            b.String("p_channel_dmail"), b.String("p_channel_email"), b.String("p_channel_catalog"),
            b.String("p_channel_tv"), b.String("p_channel_radio"), b.String("p_channel_press"),
            b.String("p_channel_event"), b.String("p_channel_demo"),
        ];
        var details = b.String("p_channel_details");
        var purpose = b.String("p_purpose");
        var active = b.String("p_discount_active");

        for (long k = 1; k <= ctx.Scale.Promotions; k++)
        {
            var row = b.Add();
            var startSk = TpcdsValues.RandomDateSk(r, TpcdsScale.FirstSaleDate, TpcdsScale.LastSaleDate);
            sk[row] = k;
            id[row] = TpcdsValues.BusinessKey(k);
            start[row] = startSk;
            end[row] = startSk + r.Next(1, 60);
            item[row] = TpcdsValues.Key(r, ctx.Scale.Items);
            cost[row] = 1000.00m;
            target[row] = 1;
            name[row] = TpcdsValues.SyllableName(r.Next(0, 99));
            foreach (var channel in channels)
            {
                channel[row] = r.Pick(TpcdsWords.YesNo);
            }

            details[row] = TpcdsValues.Text(r, 5, 12, 100);
            purpose[row] = "Unknown";
            active[row] = "N";
            await w.FlushIfFullAsync();
        }

        return ctx.Scale.Promotions;
    }
}
