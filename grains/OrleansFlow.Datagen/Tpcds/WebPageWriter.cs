namespace OrleansFlow.Datagen.Tpcds;

/// <summary>web_page: a small dimension, one part.</summary>
internal static class WebPageWriter
{
    private static readonly DateOnly RecordStart = new(1997, 9, 3);

    public static async Task<long> WriteAsync(TpcdsContext ctx, CancellationToken ct)
    {
        var r = ctx.Random("web_page", 0);
        await using var w = await ctx.OpenAsync(TpcdsSchemas.WebPage, 0, ct);
        var b = w.Batch;
        var sk = b.Int64("wp_web_page_sk");
        var id = b.String("wp_web_page_id");
        var recStart = b.Date("wp_rec_start_date");
        var recEnd = b.NullableDate("wp_rec_end_date");
        var created = b.Int64("wp_creation_date_sk");
        var accessed = b.Int64("wp_access_date_sk");
        var autogen = b.String("wp_autogen_flag");
        var customer = b.Int64("wp_customer_sk");
        var url = b.String("wp_url");
        var type = b.String("wp_type");
        var chars = b.Int32("wp_char_count");
        var links = b.Int32("wp_link_count");
        var images = b.Int32("wp_image_count");
        var ads = b.Int32("wp_max_ad_count");

        for (long k = 1; k <= ctx.Scale.WebPages; k++)
        {
            var row = b.Add();
            sk[row] = k;
            id[row] = TpcdsValues.BusinessKey(k);
            recStart[row] = RecordStart;
            recEnd[row] = null;
            created[row] = TpcdsValues.RandomDateSk(r, new DateOnly(1997, 8, 1), RecordStart);
            accessed[row] = TpcdsValues.RandomDateSk(r, TpcdsScale.FirstSaleDate, TpcdsScale.LastSaleDate);
            autogen[row] = r.Pick(TpcdsWords.YesNo);
            customer[row] = TpcdsValues.Key(r, ctx.Scale.Customers);
            url[row] = "http://www.foo.com";
            type[row] = r.Pick(TpcdsWords.WebPageTypes);
            chars[row] = r.Next(100, 8_000);
            links[row] = r.Next(2, 25);
            images[row] = r.Next(1, 7);
            ads[row] = r.Next(0, 4);
            await w.FlushIfFullAsync();
        }

        return ctx.Scale.WebPages;
    }
}
