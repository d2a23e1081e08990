using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>item: products; each item is its own current version (no history rows). Split into parts by key range.</summary>
internal static class ItemWriter
{
    private static readonly DateOnly RecordStart = new(1997, 10, 27);

    public static async Task<long> WriteAsync(TpcdsContext ctx, int part, CancellationToken ct)
    {
        var (first, count) = ctx.Layout.Slice(ctx.Scale.Items, part);
        var r = ctx.Random("item", part);
        await using var w = await ctx.OpenAsync(TpcdsSchemas.Item, part, ct);
        var b = w.Batch;
        var sk = b.Int64("i_item_sk");
        var id = b.String("i_item_id");
        var recStart = b.Date("i_rec_start_date");
        var recEnd = b.NullableDate("i_rec_end_date");
        var description = b.String("i_item_desc");
        var price = b.Decimal("i_current_price");
        var wholesale = b.Decimal("i_wholesale_cost");
        var brandId = b.Int32("i_brand_id");
        var brand = b.String("i_brand");
        var classId = b.Int32("i_class_id");
        var className = b.String("i_class");
        var categoryId = b.Int32("i_category_id");
        var category = b.String("i_category");
        var manufactId = b.Int32("i_manufact_id");
        var manufact = b.String("i_manufact");
        var size = b.String("i_size");
        var formulation = b.String("i_formulation");
        var color = b.String("i_color");
        var units = b.String("i_units");
        var container = b.String("i_container");
        var manager = b.Int32("i_manager_id");
        var product = b.String("i_product_name");

        for (var k = first + 1; k <= first + count; k++)
        {
            var row = b.Add();
            var cat = r.Next(1, TpcdsWords.Categories.Length);
            var cls = r.Next(1, 16);
            var brandNumber = r.Next(1, 10);
            var manufacturer = r.Next(1, 1000);
            var priceCents = r.Next(9L, 9_999L);
            sk[row] = k;
            id[row] = TpcdsValues.BusinessKey(k);
            recStart[row] = RecordStart;
            recEnd[row] = null;
            description[row] = TpcdsValues.Text(r, 10, 40, 200);
            price[row] = Money.FromCents(priceCents);
            wholesale[row] = Money.FromCents(Math.Max(1, Money.Percent(priceCents, r.Next(30, 90))));
            brandId[row] = cat * 1_000_000 + cls * 1_000 + brandNumber;
            brand[row] = $"{TpcdsWords.Categories[cat - 1].ToLowerInvariant()}{TpcdsValues.SyllableName(brandNumber)} #{brandNumber}";
            classId[row] = cls;
            className[row] = TpcdsWords.Classes[(cat * 3 + cls) % TpcdsWords.Classes.Length];
            categoryId[row] = cat;
            category[row] = TpcdsWords.Categories[cat - 1];
            manufactId[row] = manufacturer;
            manufact[row] = TpcdsValues.SyllableName(manufacturer);
            size[row] = r.Pick(TpcdsWords.Sizes);
            formulation[row] = $"{r.Next(0, 99_999_999):D8}{r.Pick(TpcdsWords.Colors)}";
            color[row] = r.Pick(TpcdsWords.Colors);
            units[row] = r.Pick(TpcdsWords.Units);
            container[row] = "Unknown";
            manager[row] = r.Next(1, 100);
            product[row] = TpcdsValues.SyllableName(k % 1000);
            await w.FlushIfFullAsync();
        }

        return count;
    }
}
