namespace OrleansFlow.Datagen.Tpcds;

/// <summary>catalog_page: catalogs of 108 pages each, issued over the sales years; one part.</summary>
internal static class CatalogPageWriter
{
    private const int PagesPerCatalog = 108;

    public static async Task<long> WriteAsync(TpcdsContext ctx, CancellationToken ct)
    {
        var r = ctx.Random("catalog_page", 0);
        await using var w = await ctx.OpenAsync(TpcdsSchemas.CatalogPage, 0, ct);
        var b = w.Batch;
        var sk = b.Int64("cp_catalog_page_sk");
        var id = b.String("cp_catalog_page_id");
        var start = b.Int64("cp_start_date_sk");
        var end = b.Int64("cp_end_date_sk");
        var department = b.String("cp_department");
        var catalog = b.Int32("cp_catalog_number");
        var page = b.Int32("cp_catalog_page_number");
        var description = b.String("cp_description");
        var type = b.String("cp_type");

        for (long k = 1; k <= ctx.Scale.CatalogPages; k++)
        {
            var row = b.Add();
            var catalogNumber = (int)((k - 1) / PagesPerCatalog) + 1;
            var catalogType = TpcdsWords.CatalogTypes[catalogNumber % TpcdsWords.CatalogTypes.Length];
            var months = catalogType switch { "bi-annual" => 6, "quarterly" => 3, _ => 1 };
            var issued = TpcdsScale.FirstSaleDate.AddMonths(catalogNumber * months % 60);
            sk[row] = k;
            id[row] = TpcdsValues.BusinessKey(k);
            start[row] = TpcdsScale.DateSk(issued);
            end[row] = TpcdsScale.DateSk(issued.AddMonths(months).AddDays(-1));
            department[row] = "DEPARTMENT";
            catalog[row] = catalogNumber;
            page[row] = (int)((k - 1) % PagesPerCatalog) + 1;
            description[row] = TpcdsValues.Text(r, 8, 20, 100);
            type[row] = catalogType;
            await w.FlushIfFullAsync();
        }

        return ctx.Scale.CatalogPages;
    }
}
