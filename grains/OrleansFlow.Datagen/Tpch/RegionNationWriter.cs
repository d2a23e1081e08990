namespace OrleansFlow.Datagen.Tpch;

/// <summary>The fixed region (5 rows) and nation (25 rows) tables, each one part.</summary>
internal static class RegionNationWriter
{
    public static async Task<long> WriteRegionAsync(TpchContext ctx, CancellationToken ct)
    {
        var r = ctx.Random("region", 0);
        await using var w = await ctx.OpenAsync(TpchSchemas.Region, 0, ct);
        var b = w.Batch;
        var key = b.Int64("r_regionkey");
        var name = b.String("r_name");
        var comment = b.String("r_comment");
        for (var i = 0; i < TpchWords.Regions.Length; i++)
        {
            var row = b.Add();
            key[row] = i;
            name[row] = TpchWords.Regions[i];
            comment[row] = ctx.Text.Comment(r, 31, 115);
        }

        return TpchWords.Regions.Length;
    }

    public static async Task<long> WriteNationAsync(TpchContext ctx, CancellationToken ct)
    {
        var r = ctx.Random("nation", 0);
        await using var w = await ctx.OpenAsync(TpchSchemas.Nation, 0, ct);
        var b = w.Batch;
        var key = b.Int64("n_nationkey");
        var name = b.String("n_name");
        var region = b.Int64("n_regionkey");
        var comment = b.String("n_comment");
        for (var i = 0; i < TpchWords.Nations.Length; i++)
        {
            var row = b.Add();
            key[row] = i;
            name[row] = TpchWords.Nations[i].Name;
            region[row] = TpchWords.Nations[i].Region;
            comment[row] = ctx.Text.Comment(r, 31, 114);
        }

        return TpchWords.Nations.Length;
    }
}
