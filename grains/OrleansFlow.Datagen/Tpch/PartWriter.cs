using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpch;

/// <summary>
/// part (SF × 200 000 rows) and partsupp (4 suppliers per part) generated together: partsupp rows are derived from
/// their part key, so one part file of each covers the same range of part keys.
/// </summary>
internal static class PartWriter
{
    public const string Label = "part+partsupp";

    // Every value of p_type, p_container and p_brand, built once so rows share the strings.
    private static readonly string[] Types =
        (from a in TpchWords.TypeSyllable1 from b in TpchWords.TypeSyllable2 from c in TpchWords.TypeSyllable3
         select $"{a} {b} {c}").ToArray();

    private static readonly string[] Containers =
        (from a in TpchWords.ContainerSyllable1 from b in TpchWords.ContainerSyllable2 select $"{a} {b}").ToArray();

    private static readonly string[] Manufacturers = Enumerable.Range(1, 5).Select(m => $"Manufacturer#{m}").ToArray();

    private static readonly string[] Brands =
        (from m in Enumerable.Range(1, 5) from n in Enumerable.Range(1, 5) select $"Brand#{m}{n}").ToArray();

    public static int PartCount(TpchContext ctx) => ctx.Layout.PartCount(ctx.Scale.PartSupps);

    public static async Task<long> WriteAsync(TpchContext ctx, int part, CancellationToken ct)
    {
        var parts = PartCount(ctx);
        var first = ctx.Scale.Parts * part / parts;
        var last = ctx.Scale.Parts * (part + 1) / parts;
        var r = ctx.Random("part", part);
        await using var pw = await ctx.OpenAsync(TpchSchemas.Part, part, ct);
        await using var sw = await ctx.OpenAsync(TpchSchemas.PartSupp, part, ct);

        var p = pw.Batch;
        var pKey = p.Int64("p_partkey");
        var pName = p.String("p_name");
        var pMfgr = p.String("p_mfgr");
        var pBrand = p.String("p_brand");
        var pType = p.String("p_type");
        var pSize = p.Int32("p_size");
        var pContainer = p.String("p_container");
        var pPrice = p.Decimal("p_retailprice");
        var pComment = p.String("p_comment");

        var s = sw.Batch;
        var sPart = s.Int64("ps_partkey");
        var sSupp = s.Int64("ps_suppkey");
        var sQty = s.Int32("ps_availqty");
        var sCost = s.Decimal("ps_supplycost");
        var sComment = s.String("ps_comment");

        var colors = new int[5];
        for (var k = first + 1; k <= last; k++)
        {
            var row = p.Add();
            pKey[row] = k;
            pName[row] = Name(r, colors);
            var m = r.Next(1, 5);
            pMfgr[row] = Manufacturers[m - 1];
            pBrand[row] = Brands[(m - 1) * 5 + r.Next(0, 4)];
            pType[row] = r.Pick(Types);
            pSize[row] = r.Next(1, 50);
            pContainer[row] = r.Pick(Containers);
            pPrice[row] = Money.FromCents(TpchScale.RetailPriceCents(k));
            pComment[row] = ctx.Text.Comment(r, 5, 22);
            await pw.FlushIfFullAsync();

            for (var i = 0; i < TpchScale.SuppliersPerPart; i++)
            {
                var srow = s.Add();
                sPart[srow] = k;
                sSupp[srow] = ctx.Scale.SupplierOfPart(k, i);
                sQty[srow] = r.Next(1, 9999);
                sCost[srow] = r.NextMoney(1.00m, 1000.00m);
                sComment[srow] = ctx.Text.Comment(r, 49, 198);
                await sw.FlushIfFullAsync();
            }
        }

        return (last - first) * (1 + TpchScale.SuppliersPerPart);
    }

    /// <summary>p_name: five distinct colours separated by spaces.</summary>
    private static string Name(PartRandom r, int[] colors)
    {
        for (var i = 0; i < colors.Length; i++)
        {
            int c;
            do
            {
                c = r.Next(0, TpchWords.Colors.Length - 1);
            }
            while (Array.IndexOf(colors, c, 0, i) >= 0);
            colors[i] = c;
        }

        return string.Join(' ', TpchWords.Colors[colors[0]], TpchWords.Colors[colors[1]], TpchWords.Colors[colors[2]],
            TpchWords.Colors[colors[3]], TpchWords.Colors[colors[4]]);
    }
}
